package vn.dossierpost.carrier.simulator;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import vn.dossierpost.geo.Provinces;
import vn.dossierpost.s10.S10;

/**
 * The simulated carrier's behaviour, behind its HTTP routes: tokens, bookings, cancellations,
 * the lifecycle of each item and the tracking feed. Its records live in schema
 * {@code carrier_sim}, so they survive restarts and item codes are never reused.
 */
public final class SimulatedCarrier {

  static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
  private static final Pattern PICKUP_ORDER = Pattern.compile(".*-P\\d*$");
  private static final String[] POSTMEN = {"Phạm Văn Bình", "Lê Thị Thu", "Hoàng Minh Đức",
      "Nguyễn Thị Mai", "Trần Quốc Việt", "Vũ Đình Long"};
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final SimulatorSettings settings;
  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
  final Stats stats = new Stats();

  /** Counters a test reads to check what the carrier saw. */
  static final class Stats {
    final AtomicLong createCalls = new AtomicLong();
    final AtomicLong shipments = new AtomicLong();
    final AtomicLong duplicatesAnswered = new AtomicLong();
    final AtomicLong cancelCalls = new AtomicLong();
    final AtomicLong trackingCalls = new AtomicLong();
    final AtomicLong tokensIssued = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong faultErrors = new AtomicLong();
    final AtomicLong faultResets = new AtomicLong();

    JsonObject toJson() {
      return new JsonObject().put("createCalls", createCalls.get()).put("shipments", shipments.get())
          .put("duplicatesAnswered", duplicatesAnswered.get()).put("cancelCalls", cancelCalls.get())
          .put("trackingCalls", trackingCalls.get()).put("tokensIssued", tokensIssued.get())
          .put("published", published.get()).put("faultErrors", faultErrors.get())
          .put("faultResets", faultResets.get());
    }
  }

  SimulatedCarrier(Pool pool, SimulatorSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  /** A carrier answer: HTTP status and the body in the carrier's shape. */
  record Answer(int status, JsonObject body) {
    static Answer ok(JsonObject body) {
      return new Answer(200, body);
    }

    static Answer error(int status, String code, String message) {
      return new Answer(status, new JsonObject().put("Code", code).put("Message", message));
    }
  }

  // ---- tokens ----

  Answer token(JsonObject request) {
    if (!settings.customerKey().equals(request.getString("customerKey"))
        || !settings.secretKey().equals(request.getString("secretKey"))) {
      return Answer.error(401, "UNAUTHORIZED", "Sai mã khách hàng hoặc khóa bí mật");
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String token = "sim_" + HexFormat.of().formatHex(bytes);
    long ttl = faults.get().tokenTtlSeconds();
    tokens.put(token, System.currentTimeMillis() + ttl * 1000);
    stats.tokensIssued.incrementAndGet();
    if (tokens.size() > 10_000) {
      long now = System.currentTimeMillis();
      tokens.values().removeIf(expiry -> expiry < now);
    }
    return Answer.ok(new JsonObject().put("token", token).put("expiresIn", ttl));
  }

  boolean isValidToken(String token) {
    Long expiry = token == null ? null : tokens.get(token);
    return expiry != null && expiry > System.currentTimeMillis();
  }

  // ---- bookings ----

  /**
   * A real commune the simulated carrier does not serve, so that a refusal can be tested with an
   * address the service accepts: Đặc khu Thổ Châu (An Giang), an island 200 km off the coast.
   */
  public static final String UNSERVED_COMMUNE = "31105";

  Future<Answer> create(JsonObject request) {
    stats.createCalls.incrementAndGet();
    if (!settings.customerCode().equals(request.getString("CustomerCode"))) {
      return Future.succeededFuture(Answer.error(422, "UNKNOWN_CUSTOMER", "Mã khách hàng không tồn tại"));
    }
    if (UNSERVED_COMMUNE.equals(request.getString("ReceiverCommune"))
        || UNSERVED_COMMUNE.equals(request.getString("SenderCommune"))) {
      return Future.succeededFuture(Answer.error(422, "UNSERVED_AREA",
          "Xã/phường nhận không có trong danh mục phục vụ"));
    }
    String given = request.getString("ItemCode");
    if (given != null && !S10.isValid(given)) {
      return Future.succeededFuture(Answer.error(422, "INVALID_ITEM_CODE",
          "Số hiệu bưu gửi không hợp lệ: " + S10.why(given).orElse("")));
    }
    String orderNumber = request.getString("OrderNumber");
    return retryingDeadlocks(3, () -> pool.withTransaction(tx -> scenarioFor(tx, orderNumber)
            .compose(scenario -> itemCode(tx, given).compose(item -> tx
                .preparedQuery(SimulatorSql.INSERT_SHIPMENT)
                .execute(Tuple.of(item, settings.customerCode(), orderNumber, scenario.name(), request))
                .compose(rows -> rows.rowCount() == 0
                    ? Future.succeededFuture(Optional.<String>empty())
                    : plan(tx, item, scenario, request).map(v -> Optional.of(item)))))))
        .map(created -> {
          if (created.isEmpty()) {
            stats.duplicatesAnswered.incrementAndGet();
            return Answer.error(409, "DUPLICATE_ORDER", "Mã đơn hàng đã tồn tại");
          }
          stats.shipments.incrementAndGet();
          return Answer.ok(new JsonObject().put("Code", "00").put("Message", "Tạo đơn thành công")
              .put("OrderNumber", orderNumber).put("ItemCode", created.get()));
        })
        .recover(err -> err instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.succeededFuture(Answer.error(409, "ITEM_CODE_USED", "Số hiệu bưu gửi đã được dùng"))
            : Future.failedFuture(err));
  }

  /**
   * Runs a transaction again when PostgreSQL chose it as a deadlock's victim: concurrent orders
   * and the release of planned records touch the same tables, and a victim has changed nothing.
   */
  private static <T> Future<T> retryingDeadlocks(int attempts,
      java.util.function.Supplier<Future<T>> transaction) {
    return transaction.get().recover(err -> attempts > 1 && err instanceof PgException pg
        && "40P01".equals(pg.getSqlState())
        ? retryingDeadlocks(attempts - 1, transaction) : Future.failedFuture(err));
  }

  private Future<Scenario> scenarioFor(SqlConnection tx, String orderNumber) {
    return tx.preparedQuery(SimulatorSql.GET_SCENARIO).execute(Tuple.of(orderNumber))
        .map(rows -> rows.size() > 0 ? Scenario.valueOf(rows.iterator().next().getString(0))
            : Scenario.choose(settings.seed(), orderNumber, PICKUP_ORDER.matcher(orderNumber).matches()));
  }

  private Future<String> itemCode(SqlConnection tx, String given) {
    if (given != null) {
      return Future.succeededFuture(given);
    }
    return tx.query(SimulatorSql.NEXT_SERIAL).execute().compose(rows -> {
      long serial = rows.iterator().next().getLong("serial");
      if (serial < settings.firstSerial() || serial > settings.lastSerial()) {
        return serial < settings.firstSerial()
            ? tx.preparedQuery("SELECT setval('carrier_sim.item_serial', $1) AS serial")
                .execute(Tuple.of(settings.firstSerial()))
                .map(r -> S10.of(settings.serviceIndicator(), settings.firstSerial(), "VN"))
            : Future.failedFuture(new IllegalStateException("item code range exhausted"));
      }
      return Future.succeededFuture(S10.of(settings.serviceIndicator(), serial, "VN"));
    });
  }

  private Future<Void> plan(SqlConnection tx, String item, Scenario scenario, JsonObject request) {
    OffsetDateTime now = OffsetDateTime.now(VIETNAM);
    String orderNumber = request.getString("OrderNumber");
    boolean pickupLeg = PICKUP_ORDER.matcher(orderNumber).matches();
    String postman = POSTMEN[Math.floorMod(orderNumber.hashCode(), POSTMEN.length)];
    String courier = POSTMEN[Math.floorMod(orderNumber.hashCode() * 31 + 7, POSTMEN.length)];
    List<Tuple> rows = new ArrayList<>();
    for (Lifecycle.Step step : Lifecycle.plan(scenario)) {
      String province = step.place() == Lifecycle.Place.ORIGIN
          ? request.getString("SenderProvince") : request.getString("ReceiverProvince");
      JsonObject record = new JsonObject()
          .put("OrderNumber", orderNumber)
          .put("ItemCode", item)
          .put("StatusCode", step.statusCode())
          .put("StatusMessage", step.message())
          .put("PostOfficeCode", province + "0000")
          .put("PostOfficeName", "Bưu cục trung tâm " + Provinces.name(province).orElse(province));
      if (step.reason() != null) {
        record.put("Reason", step.reason());
      }
      int code = step.statusCode();
      if (code == 2 || code == 4 || code == 5 || code == 6) {
        record.put("PostmanName", postman);
      } else if (code == 12 || code == 14 || code == 15) {
        record.put("PostmanName", courier);
      }
      long cod = request.getLong("CODAmount", 0L);
      boolean collectsHere = step.proof() == Lifecycle.Proof.FEE_AT_PICKUP && pickupLeg
          || step.proof() == Lifecycle.Proof.DELIVERY && !pickupLeg;
      if (collectsHere && cod > 0) {
        record.put("CODCollected", cod).put("ReceiptNumber",
            "BL-" + String.format("%07d", Math.floorMod((item + step.step()).hashCode(), 10_000_000)));
      }
      if (step.proof() == Lifecycle.Proof.DELIVERY) {
        record.put("ReceiverName", request.getString("ReceiverName"));
      }
      OffsetDateTime due = step.step() == 1 ? now : now.plus(scaled(step.at()));
      OffsetDateTime release = step.step() == 1 ? now
          : settings.autoplay() && settings.speed() > 0 ? due : null;
      rows.add(Tuple.of(item, step.step(), due, release, record));
    }
    return tx.preparedQuery(SimulatorSql.INSERT_PLANNED).executeBatch(rows).mapEmpty();
  }

  private Duration scaled(Duration simulated) {
    return settings.speed() <= 0 ? simulated
        : Duration.ofMillis((long) (simulated.toMillis() / settings.speed()));
  }

  Future<Answer> find(String customerCode, String orderNumber) {
    return pool.preparedQuery(SimulatorSql.FIND_SHIPMENT).execute(Tuple.of(customerCode, orderNumber))
        .map(rows -> {
          if (rows.size() == 0) {
            return Answer.error(404, "NOT_FOUND", "Không tìm thấy đơn hàng");
          }
          Row row = rows.iterator().next();
          return Answer.ok(new JsonObject().put("OrderNumber", row.getString("order_number"))
              .put("ItemCode", row.getString("item_code"))
              .put("StatusCode", row.getInteger("status_code"))
              .put("StatusMessage", row.getString("status_message"))
              .put("CreatedAt", row.getOffsetDateTime("created_at")
                  .withOffsetSameInstant(VIETNAM).toString()));
        });
  }

  Future<Answer> cancel(JsonObject request) {
    stats.cancelCalls.incrementAndGet();
    List<JsonObject> published = new ArrayList<>();
    // The feed lock first, as the release of planned events takes it: they lock the shipment
    // and its planned events in opposite orders, and deadlocked when a cancellation came while
    // the item's events were being released.
    return pool.withTransaction(tx -> tx.query(SimulatorSql.FEED_LOCK).execute()
            .compose(locked -> tx.preparedQuery(SimulatorSql.LOCK_SHIPMENT)
                .execute(Tuple.of(request.getString("CustomerCode"), request.getString("OrderNumber"))))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(Answer.error(404, "NOT_FOUND", "Không tìm thấy đơn hàng"));
              }
              Row row = rows.iterator().next();
              String item = row.getString("item_code");
              if (row.getOffsetDateTime("cancelled_at") != null) {
                return Future.succeededFuture(Answer.ok(ack("Đơn đã được hủy trước đó")));
              }
              return tx.preparedQuery(SimulatorSql.COLLECTED).execute(Tuple.of(item)).compose(c -> {
                if (c.iterator().next().getLong("n") > 0) {
                  return Future.succeededFuture(Answer.error(409, "NOT_CANCELLABLE",
                      "Bưu gửi đã được nhận, không thể hủy"));
                }
                JsonObject record = new JsonObject().put("OrderNumber", row.getString("order_number"))
                    .put("ItemCode", item).put("StatusCode", 9).put("StatusMessage", "Hủy nhận hàng")
                    .put("StatusDate", OffsetDateTime.now(VIETNAM).toString());
                return tx.preparedQuery(SimulatorSql.CANCEL_SHIPMENT).execute(Tuple.of(item))
                    .compose(v -> tx.preparedQuery(SimulatorSql.DROP_PLANNED).execute(Tuple.of(item)))
                    .compose(v -> append(tx, item, record, published))
                    .map(v -> Answer.ok(ack("Hủy đơn thành công")));
              });
            }))
        .onSuccess(a -> afterPublish(published));
  }

  private static JsonObject ack(String message) {
    return new JsonObject().put("Code", "00").put("Message", message);
  }

  // ---- the tracking feed ----

  Future<Answer> page(String lastId, int pageSize) {
    stats.trackingCalls.incrementAndGet();
    long after = Long.parseLong(lastId, 16);
    return pool.preparedQuery(SimulatorSql.PAGE).execute(Tuple.of(after, pageSize)).map(rows -> {
      JsonArray data = new JsonArray();
      String last = lastId;
      for (Row row : rows) {
        last = cursor(row.getLong("seq"));
        data.add(row.getJsonObject("record").copy().put("_id", last));
      }
      return Answer.ok(new JsonObject().put("Data", data).put("LastId", last));
    });
  }

  static String cursor(long seq) {
    return String.format("%024x", seq);
  }

  /** Publishes every planned record whose time has come. Answers how many were published. */
  Future<Integer> releaseDue() {
    List<JsonObject> published = new ArrayList<>();
    Faults f = faults.get();
    return pool.withTransaction(tx -> tx.query(SimulatorSql.FEED_LOCK).execute()
            .compose(v -> tx.query(SimulatorSql.DUE).execute())
            .compose(rows -> {
              Future<Void> chain = Future.succeededFuture();
              for (Row row : rows) {
                chain = chain.compose(v -> releaseOne(tx, row, f, published));
              }
              return chain;
            }))
        .map(v -> {
          afterPublish(published);
          return published.size();
        });
  }

  private Future<Void> releaseOne(SqlConnection tx, Row row, Faults f, List<JsonObject> published) {
    long id = row.getLong("id");
    if (!row.getBoolean("delayed") && Faults.roll(f.delayRate())) {
      return tx.preparedQuery(SimulatorSql.POSTPONE)
          .execute(Tuple.of(id, f.delayMs() / 1000.0)).mapEmpty();
    }
    String item = row.getString("item_code");
    JsonObject record = row.getJsonObject("record").copy()
        .put("StatusDate", row.getOffsetDateTime("due_at").withOffsetSameInstant(VIETNAM).toString());
    Future<Void> done = tx.preparedQuery(SimulatorSql.MARK_RELEASED).execute(Tuple.of(id))
        .compose(v -> tx.preparedQuery(SimulatorSql.SET_STATUS).execute(Tuple.of(item,
            record.getInteger("StatusCode"), record.getString("StatusMessage"))))
        .compose(v -> append(tx, item, record, published));
    if (Faults.roll(f.duplicateRate())) {
      done = done.compose(v -> append(tx, item, record, published));
    }
    if (Faults.roll(f.unknownItemRate())) {
      String stranger = S10.of("EZ", ThreadLocalRandom.current().nextLong(100_000_000L), "VN");
      JsonObject orphan = record.copy().put("ItemCode", stranger)
          .put("OrderNumber", "UNKNOWN-" + stranger);
      done = done.compose(v -> append(tx, stranger, orphan, published));
    }
    return done;
  }

  private Future<Void> append(SqlConnection tx, String item, JsonObject record,
      List<JsonObject> published) {
    return tx.preparedQuery(SimulatorSql.APPEND_FEED).execute(Tuple.of(item, record)).map(rows -> {
      published.add(record.copy().put("_id", cursor(rows.iterator().next().getLong("seq"))));
      return null;
    });
  }

  private volatile java.util.function.Consumer<List<JsonObject>> onPublish = records -> { };

  void onPublish(java.util.function.Consumer<List<JsonObject>> listener) {
    this.onPublish = listener;
  }

  private void afterPublish(List<JsonObject> published) {
    if (!published.isEmpty()) {
      stats.published.addAndGet(published.size());
      onPublish.accept(List.copyOf(published));
    }
  }

  // ---- controls for tests and demos ----

  Future<Boolean> advance(String itemCode, int steps) {
    return pool.preparedQuery(SimulatorSql.ADVANCE).execute(Tuple.of(itemCode, steps))
        .compose(rows -> releaseDue().map(n -> rows.rowCount() > 0));
  }

  Future<Boolean> inject(String itemCode, JsonObject record) {
    List<JsonObject> published = new ArrayList<>();
    JsonObject full = record.copy().put("ItemCode", itemCode);
    if (!full.containsKey("StatusDate")) {
      full.put("StatusDate", OffsetDateTime.now(VIETNAM).toString());
    }
    return pool.withTransaction(tx -> tx.query(SimulatorSql.FEED_LOCK).execute()
            .compose(v -> append(tx, itemCode, full, published)))
        .map(v -> {
          afterPublish(published);
          return true;
        });
  }

  Future<Void> setScenario(String orderNumber, Scenario scenario) {
    return pool.preparedQuery(SimulatorSql.PUT_SCENARIO)
        .execute(Tuple.of(orderNumber, scenario.name())).mapEmpty();
  }

  Future<JsonArray> shipments(String orderNumber) {
    return pool.preparedQuery(SimulatorSql.LIST_SHIPMENTS).execute(Tuple.of(orderNumber))
        .map(rows -> {
          JsonArray items = new JsonArray();
          for (Row row : rows) {
            items.add(new JsonObject().put("itemCode", row.getString("item_code"))
                .put("orderNumber", row.getString("order_number"))
                .put("scenario", row.getString("scenario"))
                .put("statusCode", row.getInteger("status_code"))
                .put("cancelled", row.getOffsetDateTime("cancelled_at") != null));
            // The create request as received, for one order only (a whole listing stays small).
            if (row.getValue("request") != null) {
              items.getJsonObject(items.size() - 1).put("request", row.getJsonObject("request"));
            }
          }
          return items;
        });
  }
}
