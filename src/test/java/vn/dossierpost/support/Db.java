package vn.dossierpost.support;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Direct reads of the database, to check what a request did (or did not) write. */
public final class Db {

  private final Pool pool;

  public Db(Pool pool) {
    this.pool = pool;
  }

  public long count(String sql, Object... params) {
    Row row = TestApp.await(pool.preparedQuery(sql).execute(Tuple.from(params))).iterator().next();
    return row.getLong(0);
  }

  public Row one(String sql, Object... params) {
    var rows = TestApp.await(pool.preparedQuery(sql).execute(Tuple.from(params)));
    if (rows.size() != 1) {
      throw new AssertionError("expected one row, got " + rows.size());
    }
    return rows.iterator().next();
  }

  public void exec(String sql, Object... params) {
    TestApp.await(pool.preparedQuery(sql).execute(Tuple.from(params)));
  }

  /**
   * Rows an office owns in each table a create could touch. Of the outbox only the booking
   * jobs count: callbacks and SMS follow asynchronously once a booking has run.
   */
  public long footprint(String office) {
    return count("SELECT count(*) FROM orders WHERE office_code = $1", office)
        + count("SELECT count(*) FROM idempotency_keys WHERE scope = $1", office)
        + count("SELECT count(*) FROM outbox o JOIN orders r ON r.id = o.order_id WHERE r.office_code = $1 "
            + "AND o.kind = 'carrier.book'", office);
  }
}
