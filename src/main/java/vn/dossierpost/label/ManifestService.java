package vn.dossierpost.label;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import vn.dossierpost.access.Offices;
import vn.dossierpost.access.Policy;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;

/** Handover records: made from booked DELIVERY legs, read back as JSON or PDF. */
public final class ManifestService {

  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String INSERT = """
      INSERT INTO manifests (id, code, office_code, courier_name, postal_unit, note)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING created_at
      """;
  private static final String INSERT_ITEM =
      "INSERT INTO manifest_items (manifest_id, order_id, position) VALUES ($1, $2, $3)";
  private static final String FIND = """
      SELECT id, code, office_code, courier_name, postal_unit, note, created_at, accepted_at
      FROM manifests WHERE id = $1 AND office_code = $2
      """;
  static final String ITEMS = """
      SELECT o.id, o.item_code, o.dossier_code, o.leg, o.fee_to_collect, o.status, o.commune_code
      FROM manifest_items i JOIN (%s) o ON o.id = i.order_id
      WHERE i.manifest_id = $1 ORDER BY i.position
      """.formatted(Orders.ROWS);

  /** What a desk asks for. */
  public record Request(List<UUID> orderIds, String courierName, String postalUnit, String note) {
  }

  private final Pool pool;
  private final Offices offices;
  private final ManifestDocument document;
  private final PdfRenderer pdf;
  private final RenderPool renderPool;

  public ManifestService(Pool pool, Offices offices, Labels labels, RenderPool renderPool) {
    this.pool = pool;
    this.offices = offices;
    this.document = new ManifestDocument(labels.composer());
    this.pdf = labels.pdf();
    this.renderPool = renderPool;
  }

  /** Makes a handover record of the office's orders; each order's audit trail names it. */
  public Future<Manifest> create(Actor desk, String office, Request request) {
    UUID id = UUID.randomUUID();
    return addressee(office, request).compose(unitErrors -> pool.withTransaction(tx ->
            Orders.lockManyForOffice(tx, office, request.orderIds())
            .compose(found -> check(request, found, unitErrors))
            .compose(orders -> insert(tx, id, office, request)
                .compose(code -> Audit.appendAll(tx, orders.stream().map(o -> AuditEntry.onOrder(
                    desk, "manifest.create", o.id(), null, new JsonObject().put("manifestCode", code)
                        .put("postalUnit", request.postalUnit()))).toList())))))
        .compose(v -> get(office, id));
  }

  /** A record addressed to a postal unit: one of those serving the office, or no courier could take it. */
  private Future<List<FieldError>> addressee(String office, Request request) {
    if (request.postalUnit() == null) {
      return Future.succeededFuture(List.of());
    }
    return offices.find(office).map(found -> found.isPresent()
        && Policy.of(found.get().policy()).servingPostalUnits().contains(request.postalUnit())
        ? List.of()
        : List.of(new FieldError("postalUnit", "not_serving",
            "Bưu cục này không phục vụ cơ quan: chọn một bưu cục trong chính sách của cơ quan.")));
  }

  private Future<List<Order>> check(Request request, List<Order> found, List<FieldError> unitErrors) {
    Map<UUID, Order> byId = new HashMap<>();
    found.forEach(o -> byId.put(o.id(), o));
    List<FieldError> errors = new ArrayList<>(unitErrors);
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < request.orderIds().size(); i++) {
      Order o = byId.get(request.orderIds().get(i));
      String field = "orderIds[" + i + "]";
      if (o == null) {
        errors.add(new FieldError(field, "unknown_order", "Không có đơn này."));
      } else if (o.leg() != Leg.DELIVERY) {
        errors.add(new FieldError(field, "not_delivery",
            "Chỉ bàn giao cho bưu điện các đơn trả kết quả (DELIVERY)."));
      } else if (o.itemCode() == null
          || o.status() != OrderStatus.BOOKED && o.status() != OrderStatus.COLLECTION_FAILED) {
        errors.add(new FieldError(field, "not_handover_ready",
            "Đơn ở trạng thái " + o.status() + ", không thể bàn giao."));
      } else {
        orders.add(o);
      }
    }
    return errors.isEmpty() ? Future.succeededFuture(orders)
        : Future.failedFuture(Problems.validation(errors));
  }

  /** Answers the new record's code. */
  private Future<String> insert(SqlConnection tx, UUID id, String office, Request request) {
    String code = newCode();
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(id, code, office, request.courierName(), request.postalUnit(), request.note()))
        .compose(v -> {
          List<Tuple> items = new ArrayList<>();
          for (int i = 0; i < request.orderIds().size(); i++) {
            items.add(Tuple.of(id, request.orderIds().get(i), i + 1));
          }
          return tx.preparedQuery(INSERT_ITEM).executeBatch(items).map(code);
        });
  }

  public Future<Manifest> get(String office, UUID id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id, office)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problems.notFound());
      }
      Row m = rows.iterator().next();
      return pool.preparedQuery(ITEMS).execute(Tuple.of(id)).map(itemRows -> {
        List<Manifest.Item> items = new ArrayList<>();
        for (Row r : itemRows) {
          items.add(new Manifest.Item(r.getUUID("id"), r.getString("item_code"),
              r.getString("dossier_code"), Leg.valueOf(r.getString("leg")),
              r.getLong("fee_to_collect"), r.getString("status"), r.getString("commune_code")));
        }
        return new Manifest(m.getUUID("id"), m.getString("code"), m.getString("office_code"),
            m.getString("courier_name"), m.getString("postal_unit"), m.getString("note"),
            m.getOffsetDateTime("created_at"), m.getOffsetDateTime("accepted_at"), items);
      });
    });
  }

  public Future<Rendered> pdf(String office, UUID id) {
    return get(office, id).compose(manifest -> offices.find(office).compose(o ->
        renderPool.submit(() -> new Rendered(
            pdf.render(document.pages(manifest, o.orElseThrow()), "Biên bản " + manifest.code()),
            LabelFormat.PDF.contentType(), "bien-ban-" + manifest.code() + ".pdf"))));
  }

  /** {@code MF} and ten Crockford base-32 characters (50 random bits): easy to scan and to read. */
  static String newCode() {
    StringBuilder sb = new StringBuilder("MF");
    for (int i = 0; i < 10; i++) {
      sb.append(CROCKFORD.charAt(RANDOM.nextInt(32)));
    }
    return sb.toString();
  }

  /**
   * A record is addressed to the unit it names; one that names none, to any unit serving its
   * office (and, once accepted, to the unit that accepted it).
   */
  static final String HANDOVER = """
      SELECT m.id AS manifest_id, i.order_id FROM manifests m
      JOIN manifest_items i ON i.manifest_id = m.id
      WHERE m.code = $1
        AND (m.postal_unit = $2
             OR m.postal_unit IS NULL
                AND EXISTS (SELECT 1 FROM (%s) f
                            WHERE f.code = m.office_code AND f.policy -> '%s' ? $2))
      ORDER BY i.position
      """.formatted(Offices.ROWS, Policy.SERVING_POSTAL_UNITS);
  private static final String ACCEPT = """
      UPDATE manifests SET accepted_at = coalesce(accepted_at, $2),
                           postal_unit = coalesce(postal_unit, $3)
      WHERE id = $1
      """;

  /** A handover record as a courier scans it: its id and its orders, in their positions. */
  public record Handover(UUID id, List<UUID> orderIds) {
  }

  /**
   * The handover record with this code addressed to {@code postalUnit}, or empty when there is
   * none (or it lists nothing, or is another unit's).
   */
  public Future<Optional<Handover>> handover(String code, String postalUnit) {
    return pool.preparedQuery(HANDOVER).execute(Tuple.of(code, postalUnit)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      List<UUID> orderIds = new ArrayList<>();
      rows.forEach(row -> orderIds.add(row.getUUID("order_id")));
      return Optional.of(new Handover(rows.iterator().next().getUUID("manifest_id"), orderIds));
    });
  }

  /** The post office accepts the record; the first acceptance's time and unit are kept. */
  public Future<Void> accept(SqlClient tx, UUID id, OffsetDateTime at, String postalUnit) {
    return tx.preparedQuery(ACCEPT).execute(Tuple.of(id, at, postalUnit)).mapEmpty();
  }
}
