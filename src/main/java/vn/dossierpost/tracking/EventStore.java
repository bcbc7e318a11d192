package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import vn.dossierpost.db.Unnest;

/** The append-only event history. Every method runs on the caller's connection. */
public final class EventStore {

  private EventStore() {
  }

  /**
   * Appends an event; empty when an event with the same de-duplication key already exists. The
   * caller reconciles the event's order in the same transaction: the order's stored status and
   * latest event time must cover every event it has ({@link Reconciler}).
   */
  public static Future<Optional<Long>> append(SqlClient client, TrackingEvent e) {
    return client.preparedQuery(EventSql.INSERT).execute(tuple(e))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next().getLong("id")));
  }

  static Tuple tuple(TrackingEvent e) {
    return Tuple.from(new Object[] {
        e.orderId(), e.itemCode(), e.code() == null ? null : e.code().name(), e.rawCode(),
        e.rawText(), e.occurredAt(), e.occurredAt().getOffset().getId(),
        e.receivedAt() == null ? null : e.receivedAt().atOffset(ZoneOffset.UTC), e.locationCode(),
        e.locationName(), e.reason(), e.courier(), e.proof(), e.details(), e.feeCollected(),
        e.receiptNumber(), e.sealNumber(), e.source().name(), e.carrierEventId(), e.dedupKey(),
        e.flags().toArray(new String[0])});
  }

  /**
   * Appends many events in one statement; returns them in order, each stored one with its new id,
   * and null in place of each that was not stored (an event with the same de-duplication key
   * exists, or came earlier in {@code events}).
   */
  static Future<List<TrackingEvent>> appendAll(SqlClient client, List<TrackingEvent> events) {
    int n = events.size();
    Tuple params = Unnest.of(events).uuids(TrackingEvent::orderId).strings(TrackingEvent::itemCode)
        .strings(e -> e.code() == null ? null : e.code().name()).strings(TrackingEvent::rawCode)
        .strings(TrackingEvent::rawText).times(TrackingEvent::occurredAt)
        .strings(e -> e.occurredAt().getOffset().getId())
        .times(e -> e.receivedAt() == null ? null : e.receivedAt().atOffset(ZoneOffset.UTC))
        .strings(TrackingEvent::locationCode).strings(TrackingEvent::locationName)
        .strings(TrackingEvent::reason).strings(TrackingEvent::courier)
        .strings(e -> e.proof() == null ? null : e.proof().encode())
        .strings(e -> e.details() == null ? null : e.details().encode())
        .longs(TrackingEvent::feeCollected).strings(TrackingEvent::receiptNumber)
        .strings(TrackingEvent::sealNumber).strings(e -> e.source().name())
        .strings(TrackingEvent::carrierEventId).strings(TrackingEvent::dedupKey)
        .commaJoined(TrackingEvent::flags).tuple();
    return client.preparedQuery(EventSql.INSERT_MANY).execute(params).map(rows -> {
      // A key stored twice in one statement means two events with the same key at different
      // times: both are new. Ids were drawn in the arrays' order, so taken by id, each stored
      // key answers for the first of its events still unclaimed.
      List<Row> returned = new ArrayList<>(rows.size());
      rows.forEach(returned::add);
      returned.sort(Comparator.comparingLong(row -> row.getLong(0)));
      Map<String, ArrayDeque<Long>> storedKeys = new HashMap<>();
      returned.forEach(row -> storedKeys.computeIfAbsent(row.getString(1), k -> new ArrayDeque<>())
          .add(row.getLong(0)));
      List<TrackingEvent> stored = new ArrayList<>(n);
      for (TrackingEvent e : events) {
        ArrayDeque<Long> ids = storedKeys.get(e.dedupKey());
        stored.add(ids == null || ids.isEmpty() ? null : e.withId(ids.poll()));
      }
      return stored;
    });
  }

  public static Future<List<TrackingEvent>> timeline(SqlClient client, UUID orderId) {
    return client.preparedQuery(EventSql.TIMELINE).execute(Tuple.of(orderId)).map(rows -> {
      List<TrackingEvent> events = new ArrayList<>();
      rows.forEach(row -> events.add(from(row)));
      return events;
    });
  }

  /** Attaches parked events of {@code itemCode} to the order now known to carry it. */
  public static Future<Integer> adoptParked(SqlClient client, UUID orderId, String itemCode) {
    return client.preparedQuery(EventSql.ADOPT_PARKED).execute(Tuple.of(orderId, itemCode))
        .map(rows -> rows.rowCount());
  }

  static Future<Void> setFlags(SqlClient client, long id, Set<String> flags) {
    return client.preparedQuery(EventSql.SET_FLAGS)
        .execute(Tuple.tuple().addLong(id).addArrayOfString(flags.toArray(new String[0])))
        .mapEmpty();
  }

  /** The one row mapper of events; the time keeps the offset the carrier reported it in. */
  static TrackingEvent from(Row row) {
    OffsetDateTime occurred = row.getOffsetDateTime("occurred_at");
    String offset = row.getString("occurred_offset");
    if (offset != null) {
      occurred = occurred.withOffsetSameInstant(ZoneOffset.of(offset));
    }
    String[] flags = row.getArrayOfStrings("flags");
    OffsetDateTime received = row.getOffsetDateTime("received_at");
    JsonObject proof = (JsonObject) row.getValue("proof");
    JsonObject details = (JsonObject) row.getValue("details");
    return new TrackingEvent(
        row.getLong("id"), row.getUUID("order_id"), row.getString("item_code"),
        EventCode.parse(row.getString("code")), row.getString("raw_code"),
        row.getString("raw_text"), occurred, received == null ? null : received.toInstant(),
        row.getString("location_code"), row.getString("location_name"), row.getString("reason"),
        row.getString("courier"), proof, details, row.getLong("fee_collected"),
        row.getString("receipt_number"), row.getString("seal_number"),
        EventSource.valueOf(row.getString("source")), row.getString("carrier_event_id"),
        row.getString("dedup_key"), flags == null ? Set.of() : Set.of(flags));
  }

  /** The document checklist made when the order was collected (the latest), or empty. */
  public static Future<Optional<JsonArray>> pickupChecklist(SqlClient client, UUID orderId) {
    return client.preparedQuery(EventSql.PICKUP_CHECKLIST).execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(
            rows.iterator().next().getJsonObject("details").getJsonArray("checklist")));
  }

  /** Every event as a read-only relation, columns as in {@code EventSql.COLUMNS}. */
  public static final String ROWS = EventSql.ROWS;
}
