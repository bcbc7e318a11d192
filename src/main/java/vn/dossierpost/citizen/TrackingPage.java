package vn.dossierpost.citizen;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.access.Offices;
import vn.dossierpost.order.Orders;
import vn.dossierpost.tracking.EventStore;
import vn.dossierpost.access.Policy;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.notify.Progress;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.StatusFold;
import vn.dossierpost.tracking.TrackingEvent;

/**
 * What the tracking page answers for a token, from one indexed read: the leg as a citizen may
 * see it, or (empty) nothing for unknown, expired and revoked tokens alike. With the last four
 * digits of the phone it shows more; five wrong answers lock the link's detail for 15 minutes.
 */
final class TrackingPage {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingPage.class);
  static final int MAX_FAILED_CHECKS = 5;
  static final Duration LOCK = Duration.ofMinutes(15);

  /**
   * Token → live link, order, office and timeline, from the owners' relations. PostgreSQL pulls
   * each derived table up into the join, so the plan is primary-key scans on the token, the
   * order and the office, and the order's events by the timeline index (BENCHMARKS.md).
   */
  static final String LOOKUP = """
      SELECT o.leg, o.status, o.dossier_code, o.procedure_code, o.item_code, o.citizen_name,
             o.citizen_phone, o.province_code, o.fee_to_collect, o.booked_at, o.status_changed_at,
             f.name AS office_name, f.phone AS office_phone, f.policy AS office_policy,
             t.locked_until,
             (SELECT coalesce(json_agg(json_build_object('c', e.code,
                       'at', (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
                       'p', e.location_name, 'r', e.reason, 'd', e.details, 'f', e.flags, 'k', e.dedup_key)
                       ORDER BY e.occurred_at, e.id), '[]'::json)
                FROM (%s) e WHERE e.order_id = o.id) AS events
      FROM (%s) t JOIN (%s) o ON o.id = t.order_id JOIN (%s) f ON f.code = o.office_code
      WHERE t.token_hash = $1
      """.formatted(EventStore.ROWS, TrackingLinks.LIVE_TOKENS, Orders.ROWS, Offices.ROWS);

  /** One answer: its status, the page, a message above it, and Retry-After seconds (0: none). */
  record Answer(int status, TrackingView view, String message, long retryAfter) {
  }

  private final SqlClient client;
  private final Timer lookups;

  TrackingPage(SqlClient client, MeterRegistry registry) {
    this.client = client;
    this.lookups = Timer.builder("tracking_page_lookup")
        .description("the tracking page's database read, from asking the pool to the answer")
        .register(registry);
  }

  /** The page without detail; empty when the token leads nowhere. */
  Future<Optional<Answer>> show(Optional<byte[]> key) {
    return lookup(key).map(found -> found.map(row -> new Answer(200, view(row, false), null, 0)));
  }

  /**
   * The page after a second factor: detail when {@code given} is the phone's last four digits
   * (null: not four digits), otherwise a message, and a lock after too many wrong answers.
   */
  Future<Optional<Answer>> check(Optional<byte[]> key, String given) {
    return lookup(key).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      Row row = found.get();
      OffsetDateTime locked = row.getOffsetDateTime("locked_until");
      if (locked != null && locked.toInstant().isAfter(Instant.now())) {
        long seconds = Math.max(1, Duration.between(Instant.now(), locked.toInstant()).toSeconds());
        return answer(429, view(row, false), "Đã nhập sai quá nhiều lần. Vui lòng thử lại sau "
            + Math.max(1, (seconds + 59) / 60) + " phút.", seconds);
      }
      if (given == null) {
        return answer(400, view(row, false), "Vui lòng nhập đúng 4 chữ số.", 0);
      }
      String expected = Masking.lastFour(row.getString("citizen_phone"));
      boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
          given.getBytes(StandardCharsets.US_ASCII));
      if (match) {
        return TrackingLinks.passedCheck(client, key.orElseThrow())
            .map(v -> Optional.of(new Answer(200, view(row, true), null, 0)));
      }
      return TrackingLinks.failedCheck(client, key.orElseThrow(), MAX_FAILED_CHECKS, LOCK)
          .map(failed -> {
            int left = Math.max(0, MAX_FAILED_CHECKS - failed);
            LOG.info("event=tracking_second_factor_failed left={}", left);
            return Optional.of(new Answer(403, view(row, false), left == 0
                ? "Đã nhập sai quá nhiều lần. Vui lòng thử lại sau " + LOCK.toMinutes() + " phút."
                : "Số không đúng. Bạn còn " + left + " lần thử.", 0));
          });
    });
  }

  private static Future<Optional<Answer>> answer(int status, TrackingView view, String message,
      long retryAfter) {
    return Future.succeededFuture(Optional.of(new Answer(status, view, message, retryAfter)));
  }

  private Future<Optional<Row>> lookup(Optional<byte[]> key) {
    if (key.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    long start = System.nanoTime();
    return client.preparedQuery(LOOKUP).execute(Tuple.of(Buffer.buffer(key.get())))
        .map(rows -> {
          lookups.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
          return rows.size() == 0 ? Optional.<Row>empty() : Optional.of(rows.iterator().next());
        });
  }

  static TrackingView view(Row row, boolean detailed) {
    Leg leg = Leg.valueOf(row.getString("leg"));
    OrderStatus status = OrderStatus.valueOf(row.getString("status"));
    List<TrackingEvent> events = events(row.getJsonArray("events"));
    Progress progress = Progress.of(leg, status, row.getString("dossier_code"), row.getString("item_code"),
        row.getOffsetDateTime("booked_at"), events, Policy.of(row.getJsonObject("office_policy")));
    TrackingView.Detail detail = detailed ? new TrackingView.Detail(row.getString("office_name"),
        row.getString("office_phone"), row.getString("procedure_code"), row.getLong("fee_to_collect"),
        row.getString("province_code"), progress.attempts()) : null;
    return TrackingView.of(progress, Masking.name(row.getString("citizen_name")),
        Phones.masked(row.getString("citizen_phone")), row.getString("office_name"),
        row.getOffsetDateTime("status_changed_at"), StatusFold.history(events), detail);
  }

  /** The timeline from its compact JSON (the lookup's {@code events}). */
  private static List<TrackingEvent> events(JsonArray json) {
    List<TrackingEvent> events = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      JsonObject e = json.getJsonObject(i);
      String code = e.getString("c");
      Set<String> flags = new HashSet<>();
      JsonArray f = e.getJsonArray("f");
      if (f != null) {
        f.forEach(x -> flags.add(String.valueOf(x)));
      }
      events.add(new TrackingEvent(null, null, null, code == null ? null : EventCode.valueOf(code), null,
          null, micros(e.getLong("at")), null, null, e.getString("p"), e.getString("r"),
          null, null, e.getJsonObject("d"), null, null, null, EventSource.WEBHOOK, null,
          e.getString("k"), flags));
    }
    return events;
  }

  private static OffsetDateTime micros(long epochMicros) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000),
        Math.floorMod(epochMicros, 1_000_000) * 1000L), Progress.VIETNAM);
  }
}
