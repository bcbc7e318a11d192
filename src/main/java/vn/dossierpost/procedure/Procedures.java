package vn.dossierpost.procedure;

import java.time.LocalDate;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.calendar.YearNotCoveredException;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import vn.dossierpost.http.Problems;

/**
 * The procedure catalogue of each office: the one way other features read it ({@link #find}),
 * and the audited changes the admin API and the CSV import make. Every change writes its audit
 * row in its own transaction, subject {@code office/code}.
 */
public final class Procedures {

  private final Pool pool;

  private Procedures(Pool pool) {
    this.pool = pool;
  }

  public static Procedures create(Pool pool) {
    return new Procedures(pool);
  }

  /**
   * The procedure {@code procedureCode} in {@code officeCode}'s catalogue, read with {@code client}
   * (a pool or the caller's transaction); empty when the office does not list it, and then the
   * caller keeps its behaviour for a procedure it knows nothing about.
   */
  public static Future<Optional<Procedure>> find(SqlClient client, String officeCode,
      String procedureCode) {
    if (officeCode == null || procedureCode == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return client.preparedQuery(ProcedureSql.FIND).execute(Tuple.of(officeCode, procedureCode))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Procedure.from(rows.iterator().next())));
  }

  /**
   * The appointment date (ngày hẹn trả) of a dossier of this procedure received on
   * {@code receivedOn}: its processing time in working days after that day. Empty when the
   * office does not list the procedure, or the date is past the years the calendar knows; the
   * desk then gives the date itself.
   */
  public static Future<Optional<LocalDate>> appointment(SqlClient client, WorkingCalendar calendar,
      String officeCode, String procedureCode, LocalDate receivedOn) {
    return find(client, officeCode, procedureCode).map(found -> found.flatMap(p -> {
      try {
        return Optional.of(calendar.addWorkingDays(receivedOn, p.processingDays()));
      } catch (YearNotCoveredException e) {
        return Optional.empty();
      }
    }));
  }

  /** The office's catalogue by code; 404 when there is no such office. */
  public Future<List<Procedure>> list(String office) {
    return officeExists(pool, office).compose(v -> pool.preparedQuery(ProcedureSql.LIST)
        .execute(Tuple.of(office)).map(rows -> {
          List<Procedure> list = new ArrayList<>(rows.size());
          for (Row row : rows) {
            list.add(Procedure.from(row));
          }
          return list;
        }));
  }

  /** One procedure; 404 when the office or the procedure is unknown. */
  Future<Procedure> get(String office, String code) {
    if (!isCode(code)) {
      return Future.failedFuture(Problems.notFound());
    }
    return officeExists(pool, office).compose(v -> find(pool, office, code))
        .map(found -> found.orElseThrow(Problems::notFound));
  }

  /** Result of {@link #put}: the procedure as stored, and whether it was new. */
  record Stored(Procedure procedure, boolean created) {
  }

  /** Inserts or replaces one procedure, audited; 404 when there is no such office. */
  public Future<Stored> put(Actor actor, Procedure procedure) {
    return pool.withTransaction(tx -> officeExists(tx, procedure.officeCode())
        .compose(v -> upsert(tx, actor, "procedure.put", procedure)));
  }

  /** Replaces each procedure of one office in one transaction, audited one row each. */
  Future<List<Stored>> putAll(Actor actor, String office, List<Procedure> procedures) {
    return pool.withTransaction(tx -> {
      List<Stored> stored = new ArrayList<>();
      Future<Void> chain = officeExists(tx, office);
      for (Procedure p : procedures) {
        chain = chain.compose(v -> upsert(tx, actor, "procedure.import", p).map(s -> {
          stored.add(s);
          return null;
        }));
      }
      return chain.map(v -> stored);
    });
  }

  /**
   * Imports a catalogue CSV (the format of the admin import; README) into {@code office}'s, as
   * {@code actor}: for the demo's seed and other set-up. The answer is the import's report.
   */
  public Future<JsonObject> importCsv(Actor actor, String office, String csv) {
    return ProcedureImport.run(this, actor, office, csv);
  }

  /** Deletes one procedure, audited; false when the office does not list it. */
  public Future<Boolean> delete(Actor actor, String office, String code) {
    if (!isCode(code)) {
      return Future.succeededFuture(false);
    }
    return pool.withTransaction(tx -> officeExists(tx, office)
        .compose(v -> tx.preparedQuery(ProcedureSql.LOCK).execute(Tuple.of(office, code)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          Procedure before = Procedure.from(rows.iterator().next());
          return tx.preparedQuery(ProcedureSql.DELETE).execute(Tuple.of(office, code))
              .compose(d -> Audit.append(tx, AuditEntry.onSubject(actor, "procedure.delete",
                  subject(office, code), before.audited(), null)))
              .map(true);
        }));
  }

  private static Future<Stored> upsert(SqlConnection tx, Actor actor, String action, Procedure p) {
    return tx.preparedQuery(ProcedureSql.LOCK).execute(Tuple.of(p.officeCode(), p.code()))
        .compose(rows -> {
          JsonObject before = rows.size() == 0 ? null : Procedure.from(rows.iterator().next()).audited();
          return tx.preparedQuery(ProcedureSql.UPSERT).execute(Tuple.from(new Object[] {p.officeCode(),
                  p.code(), p.name(), p.postalSubmissionAllowed(), p.postalReturnAllowed(), p.fee(),
                  p.processingDays(), p.storedComponents()}))
              .compose(upserted -> {
                Procedure stored = Procedure.from(upserted.iterator().next());
                return Audit.append(tx, AuditEntry.onSubject(actor, action,
                        subject(p.officeCode(), p.code()), before, stored.audited()))
                    .map(new Stored(stored, before == null));
              });
        });
  }

  /** The audit trail's subject of a procedure: {@code office/code}. */
  static String subject(String office, String code) {
    return office + "/" + code;
  }

  /** Succeeds when the office exists; 404 otherwise. */
  Future<Void> officeExists(String office) {
    return officeExists(pool, office);
  }

  private static Future<Void> officeExists(SqlClient client, String office) {
    // a path segment may hold what PostgreSQL refuses in text (NUL): not an office, never a 500
    if (office == null || office.length() > 64 || office.indexOf('\u0000') >= 0) {
      return Future.failedFuture(Problems.notFound());
    }
    return client.preparedQuery(ProcedureSql.OFFICE_EXISTS).execute(Tuple.of(office))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problems.notFound())
            : Future.succeededFuture());
  }

  /** Only a well-formed code can be listed; any other is not found without asking the database. */
  private static boolean isCode(String code) {
    return code != null && ProcedureReader.CODE.matcher(code).matches();
  }
}
