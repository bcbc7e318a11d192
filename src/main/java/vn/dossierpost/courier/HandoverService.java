package vn.dossierpost.courier;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Principal;
import vn.dossierpost.http.Problem;
import vn.dossierpost.http.Problems;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.EventStore;
import vn.dossierpost.tracking.TrackingEvent;

/**
 * Post → desk handovers (Circular 17/2017 Art. 5, steps 5–8). A postal unit puts the collected
 * PICKUP legs it holds for one office on one record; the desk receives the record in one scan,
 * re-tallying each dossier through the single receipt ({@link ReceiptService}), all in one
 * transaction: one dossier refused refuses the batch, and a repeat changes nothing.
 */
final class HandoverService {

  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A record and its dossiers, as read back. */
  record Handover(UUID id, String code, String officeCode, String postalUnit, String courierName,
      OffsetDateTime createdAt, OffsetDateTime receivedAt, List<Item> items) {
  }

  /** One dossier on a record; {@code received} is null until the desk has received it. */
  record Item(UUID orderId, String itemCode, String dossierCode, String procedureCode,
      String contents, String status, List<String> flags, JsonArray expected, String sealNumber,
      Long feeCollected, JsonObject received) {

    int expectedCount() {
      return count(expected);
    }
  }

  /** What the courier's request came to; {@code replayed} when its Idempotency-Key was seen. */
  record Created(Handover handover, boolean replayed) {
  }

  private final Pool pool;
  private final ReceiptService receipts;

  HandoverService(Pool pool, ReceiptService receipts) {
    this.pool = pool;
    this.receipts = receipts;
  }

  Pool pool() {
    return pool;
  }

  // ---------------------------------------------------------------- the courier makes a record

  Future<Created> create(Principal courier, Actor actor, String key, JsonObject body,
      HandoverValidator.Create request) {
    byte[] hash = sha256(body.encode());
    String unit = courier.scope();
    return pool.preparedQuery(HandoverSql.BY_KEY).execute(Tuple.of(unit, key)).compose(rows -> {
      if (rows.size() > 0) {
        return replay(rows.iterator().next(), hash, unit);
      }
      return pool.preparedQuery(HandoverSql.SERVES).execute(Tuple.of(request.officeCode(), unit))
          .compose(serves -> serves.size() == 0 ? Future.failedFuture(Problems.notFound())
              : candidates(unit, request))
          .compose(ids -> insert(courier, actor, key, hash, request, ids));
    });
  }

  private Future<Created> replay(Row row, byte[] hash, String unit) {
    if (!Arrays.equals(row.getBuffer("request_hash").getBytes(), hash)) {
      return Future.failedFuture(Problem.of(422, "idempotency-key-reused", "Idempotency key reused",
          "this Idempotency-Key was used with a different request body").exception());
    }
    return find(pool, row.getString("code"), null, unit)
        .map(found -> new Created(found.orElseThrow(), true));
  }

  /** The order ids to put on the record, checked a first time (again under lock when inserting). */
  private Future<List<UUID>> candidates(String unit, HandoverValidator.Create request) {
    if (request.itemCodes() == null) {
      return pool.preparedQuery(HandoverSql.HELD_OF_OFFICE).execute(Tuple.of(request.officeCode()))
          .map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getUUID("id")));
            return ids;
          });
    }
    return pool.preparedQuery(HandoverSql.ITEMS_IN_SCOPE)
        .execute(Tuple.of(request.itemCodes().toArray(new String[0]), unit)).map(rows -> {
          Map<String, UUID> byCode = new HashMap<>();
          rows.forEach(r -> byCode.put(r.getString("item_code"), r.getUUID("id")));
          List<FieldError> unknown = new ArrayList<>();
          List<UUID> ids = new ArrayList<>();
          for (int i = 0; i < request.itemCodes().size(); i++) {
            UUID id = byCode.get(request.itemCodes().get(i));
            if (id == null) { // unknown, or another unit's: the same answer
              unknown.add(new FieldError("itemCodes[" + i + "]", "unknown_item",
                  "Không có bưu gửi " + request.itemCodes().get(i) + " trong phạm vi bưu cục."));
            } else {
              ids.add(id);
            }
          }
          if (!unknown.isEmpty()) {
            throw Problems.validation(unknown);
          }
          return ids;
        });
  }

  private Future<Created> insert(Principal courier, Actor actor, String key, byte[] hash,
      HandoverValidator.Create request, List<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.failedFuture(Problems.validation(List.of(new FieldError("officeCode",
          "nothing_to_hand_over", "Bưu cục không giữ hồ sơ nào đã nhận của cơ quan này."))));
    }
    UUID id = UUID.randomUUID();
    String code = newCode();
    UUID[] sorted = ids.stream().sorted().toArray(UUID[]::new);
    return pool.withTransaction(tx -> Orders.lockMany(tx, sorted)
            .compose(locked -> Orders.findAll(tx, ids))
            .compose(orders -> tx.preparedQuery(HandoverSql.OPEN).execute(Tuple.of((Object) sorted))
                .map(open -> {
                  Map<UUID, String> onRecord = new HashMap<>();
                  open.forEach(r -> onRecord.put(r.getUUID("order_id"), r.getString("code")));
                  check(request, orders, onRecord);
                  return orders;
                }))
            .compose(orders -> tx.preparedQuery(HandoverSql.INSERT).execute(Tuple.from(new Object[] {
                    id, code, request.officeCode(), courier.scope(), courier.keyId(),
                    request.courierName(), key, Buffer.buffer(hash)}))
                .compose(inserted -> inserted.rowCount() == 0
                    // a retry with the same key raced this one and won: answer what it made
                    ? Future.failedFuture(Problem.of(409, "idempotency-key-in-flight",
                        "Request in progress", "a request with this Idempotency-Key was just "
                            + "processed; retry").withHeader("Retry-After", "1").exception())
                    : items(tx, id, orders))
                .compose(v -> Audit.appendAll(tx, orders.stream().map(o -> AuditEntry.onOrder(actor,
                    "handover.create", o.id(), null, new JsonObject().put("handoverCode", code)
                        .put("postalUnit", courier.scope()))).toList()))))
        .compose(v -> find(pool, code, null, courier.scope()))
        .map(found -> new Created(found.orElseThrow(), false));
  }

  /** Every order must be a PICKUP leg of the office, held by the post, on no open record. */
  private static void check(HandoverValidator.Create request, List<Order> orders,
      Map<UUID, String> onRecord) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      Order o = orders.get(i);
      String field = request.itemCodes() == null ? "itemCodes" : "itemCodes[" + i + "]";
      if (!o.officeCode().equals(request.officeCode())) {
        errors.add(new FieldError(field, "another_office",
            "Bưu gửi " + o.itemCode() + " gửi đến cơ quan khác: một biên bản cho một cơ quan."));
      } else if (o.leg() != Leg.PICKUP) {
        errors.add(new FieldError(field, "not_pickup",
            "Bưu gửi " + o.itemCode() + " là chiều trả kết quả (DELIVERY), không giao cho cơ quan."));
      } else if (o.status() == OrderStatus.DELIVERED) {
        errors.add(new FieldError(field, "already_received",
            "Hồ sơ " + o.itemCode() + " cơ quan đã tiếp nhận."));
      } else if (o.status().phase() != 1) {
        errors.add(new FieldError(field, "not_collected",
            "Hồ sơ " + o.itemCode() + " ở trạng thái " + o.status() + ", bưu điện chưa giữ."));
      } else if (onRecord.containsKey(o.id())) {
        errors.add(new FieldError(field, "on_handover",
            "Hồ sơ " + o.itemCode() + " đã có trong biên bản " + onRecord.get(o.id()) + "."));
      }
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
  }

  /** Each dossier with what the courier recorded at pickup: the list, the seal, the fee. */
  private static Future<Void> items(SqlConnection tx, UUID id, List<Order> orders) {
    Future<List<Tuple>> rows = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < orders.size(); i++) {
      Order o = orders.get(i);
      int position = i + 1;
      rows = rows.compose(list -> EventStore.timeline(tx, o.id()).map(events -> {
        TrackingEvent collected = events.stream().filter(e -> e.code() == EventCode.COLLECTED)
            .reduce((a, b) -> b).orElse(null);
        JsonArray expected = collected == null || collected.details() == null ? null
            : collected.details().getJsonArray("checklist");
        list.add(Tuple.from(new Object[] {id, o.id(), position, expected,
            collected == null ? null : collected.sealNumber(),
            collected == null ? null : collected.feeCollected()}));
        return list;
      }));
    }
    return rows.compose(list -> tx.preparedQuery(HandoverSql.INSERT_ITEM).executeBatch(list))
        .mapEmpty();
  }

  // ---------------------------------------------------------------- the desk receives it

  /** The record for the desk of {@code office}; another office's, or none: 404. */
  Future<Handover> forDesk(String office, String code) {
    return find(pool, code, office, null)
        .compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(Problems.notFound())));
  }

  /**
   * Receives every dossier on the record, each as a single receipt, in one transaction. A record
   * already received answers as it was received and changes nothing.
   */
  Future<Handover> receive(Actor desk, String office, String code,
      Map<String, HandoverValidator.Tally> tallies) {
    return forDesk(office, code).compose(handover -> handover.receivedAt() != null
        ? Future.succeededFuture(handover)
        : pool.withTransaction(tx -> tx.preparedQuery(HandoverSql.LOCK)
                .execute(Tuple.of(handover.id()))
                .compose(locked -> locked.iterator().next().getOffsetDateTime("received_at") != null
                    ? Future.succeededFuture() // received meanwhile by another request
                    : receiveAll(tx, desk, office, handover, tallies)))
            .compose(v -> forDesk(office, code)));
  }

  private Future<Void> receiveAll(SqlConnection tx, Actor desk, String office, Handover handover,
      Map<String, HandoverValidator.Tally> tallies) {
    matchTallies(handover, tallies);
    Future<Void> chain = Future.succeededFuture();
    for (Item item : handover.items()) {
      HandoverValidator.Tally tally = tallies.get(item.itemCode());
      chain = chain.compose(v -> Orders.lockForOffice(tx, office, item.orderId()).compose(order -> {
        if (order.status() == OrderStatus.DELIVERED) {
          return Future.failedFuture(outOfOrder(item, "already-received",
              "dossier " + item.itemCode() + " was received by the desk already"));
        }
        if (order.leg() != Leg.PICKUP || order.status().phase() != 1) {
          return Future.failedFuture(outOfOrder(item, "not-receivable",
              "dossier " + item.itemCode() + " is " + order.status() + ", not with the post"));
        }
        List<String> seen = new ArrayList<>();
        if (tally.sealNumber() != null && item.sealNumber() != null
            && !tally.sealNumber().equalsIgnoreCase(item.sealNumber())) {
          seen.add("Số niêm phong " + tally.sealNumber() + " khác số ghi khi nhận ("
              + item.sealNumber() + ")");
        }
        return receipts.receive(tx, desk, office, item.orderId(), tally.receipt(), seen)
            .compose(received -> {
              JsonObject stored = new JsonObject().put("checklist", tally.receipt().checklist())
                  .put("count", count(tally.receipt().checklist()))
                  .put("sealIntact", tally.receipt().sealIntact())
                  .put("sealNumber", tally.sealNumber())
                  .put("feeHandedOver", tally.receipt().feeHandedOver())
                  .put("match", received.match())
                  .put("discrepancies", new JsonArray(received.discrepancies()));
              return tx.preparedQuery(HandoverSql.RECEIVED_ITEM)
                  .execute(Tuple.of(handover.id(), item.orderId(), stored))
                  .compose(x -> Audit.append(tx, AuditEntry.onOrder(desk, "handover.receive",
                      item.orderId(), null, new JsonObject().put("handoverCode", handover.code())
                          .put("match", received.match()))));
            });
      }));
    }
    return chain.compose(v -> tx.preparedQuery(HandoverSql.RECEIVED)
        .execute(Tuple.of(handover.id(), OffsetDateTime.now(), desk.keyId()))).mapEmpty();
  }

  /** One tally per dossier on the record: none missing, none for a dossier not on it. */
  private static void matchTallies(Handover handover, Map<String, HandoverValidator.Tally> tallies) {
    List<FieldError> errors = new ArrayList<>();
    List<String> listed = handover.items().stream().map(Item::itemCode).toList();
    int i = 0;
    for (String code : tallies.keySet()) {
      if (!listed.contains(code)) {
        errors.add(new FieldError("dossiers[" + i + "].itemCode", "not_on_handover",
            "Hồ sơ " + code + " không có trong biên bản " + handover.code() + "."));
      }
      i++;
    }
    for (String code : listed) {
      if (!tallies.containsKey(code)) {
        errors.add(new FieldError("dossiers", "missing_dossier",
            "Chưa kiểm đếm hồ sơ " + code + " của biên bản."));
      }
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
  }

  private static RuntimeException outOfOrder(Item item, String slug, String detail) {
    return Problem.of(409, slug, "Out of order", detail).with("itemCode", item.itemCode())
        .with("dossierCode", item.dossierCode()).exception();
  }

  // ---------------------------------------------------------------- reading

  static Future<Optional<Handover>> find(SqlClient client, String code, String office, String unit) {
    return client.preparedQuery(HandoverSql.FIND).execute(Tuple.of(code, office, unit))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<Handover>empty());
          }
          Row h = rows.iterator().next();
          UUID id = h.getUUID("id");
          return client.preparedQuery(HandoverSql.ITEMS).execute(Tuple.of(id)).map(itemRows -> {
            List<Item> items = new ArrayList<>();
            for (Row r : itemRows) {
              items.add(new Item(r.getUUID("order_id"), r.getString("item_code"),
                  r.getString("dossier_code"), r.getString("procedure_code"), r.getString("contents"),
                  r.getString("status"), List.of(r.getArrayOfStrings("flags")),
                  (JsonArray) r.getValue("expected"), r.getString("seal_number"),
                  r.getLong("fee_collected"), (JsonObject) r.getValue("received")));
            }
            return Optional.of(new Handover(id, h.getString("code"), h.getString("office_code"),
                h.getString("postal_unit"), h.getString("courier_name"),
                h.getOffsetDateTime("created_at"), h.getOffsetDateTime("received_at"), items));
          });
        });
  }

  static JsonObject toJson(Handover h) {
    JsonArray items = new JsonArray();
    long fees = 0;
    for (Item i : h.items()) {
      JsonObject fee = i.received() == null ? null : i.received().getJsonObject("feeHandedOver");
      fees += fee == null ? 0 : fee.getLong("amount", 0L);
      items.add(new JsonObject().put("orderId", i.orderId().toString()).put("itemCode", i.itemCode())
          .put("dossierCode", i.dossierCode()).put("procedureCode", i.procedureCode())
          .put("contents", i.contents()).put("status", i.status())
          .put("flags", new JsonArray(i.flags()))
          .put("expected", i.expected()).put("expectedCount", i.expectedCount())
          .put("sealNumber", i.sealNumber()).put("feeCollected", i.feeCollected())
          .put("received", i.received()));
    }
    return new JsonObject().put("code", h.code()).put("officeCode", h.officeCode())
        .put("postalUnit", h.postalUnit()).put("courierName", h.courierName())
        .put("createdAt", h.createdAt().toString())
        .put("receivedAt", h.receivedAt() == null ? null : h.receivedAt().toString())
        .put("items", items)
        .put("totals", new JsonObject().put("dossiers", h.items().size())
            .put("expectedComponents", h.items().stream().mapToInt(Item::expectedCount).sum())
            .put("discrepancies", h.items().stream().filter(i -> i.received() != null
                && !i.received().getBoolean("match", true)).count())
            .put("feeHandedOver", fees))
        .put("record", "/api/v1/handovers/" + h.code() + "/record.pdf");
  }

  static int count(JsonArray checklist) {
    if (checklist == null) {
      return 0;
    }
    int n = 0;
    for (Object o : checklist) {
      n += ((JsonObject) o).getInteger("count", 1);
    }
    return n;
  }

  /** {@code BG} and ten Crockford base-32 characters: a desk types it if the scanner fails. */
  static String newCode() {
    StringBuilder sb = new StringBuilder("BG");
    for (int i = 0; i < 10; i++) {
      sb.append(CROCKFORD.charAt(RANDOM.nextInt(32)));
    }
    return sb.toString();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
