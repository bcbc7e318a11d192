package vn.dossierpost.tracking;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;

/**
 * Carrier tracking records (tracking-contracts/vnpost-hcc.openapi.yaml, TrackingRecord; and
 * the EMS push variant) read into normalised events. A VNPost record's {@code _id} names its
 * place in the feed, not the event (a record published twice gets two), so records are
 * de-duplicated by item code, carrier code, time and place.
 */
public final class CarrierRecords {

  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final Pattern ITEM = Pattern.compile("^[A-Z]{2}[0-9]{9}[A-Z]{2}$");
  private static final DateTimeFormatter EMS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  static final int MAX_BATCH = 1000;

  private final StatusMap map;

  public CarrierRecords(StatusMap map) {
    this.map = map;
  }

  /**
   * One record or {@code {"events": [...]}}, received at {@code received}; every bad record is
   * named in one 422.
   */
  public List<TrackingEvent> readPush(Object body, EventSource source, Instant received) {
    List<FieldError> errors = new ArrayList<>();
    List<TrackingEvent> events = new ArrayList<>();
    if (body instanceof JsonObject object && object.containsKey("events")) {
      Object list = object.getValue("events");
      if (!(list instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_BATCH
          || object.size() != 1) {
        throw Problems.validation(List.of(new FieldError("events", "invalid_batch",
            "events must be the only field: an array of 1 to " + MAX_BATCH + " records")));
      }
      for (int i = 0; i < array.size(); i++) {
        read(array.getValue(i), "events[" + i + "]", source, received, events, errors);
      }
    } else {
      read(body, "", source, received, events, errors);
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    return events;
  }

  /** Records of a polled page; one that cannot be read is skipped and reported, never fatal. */
  public List<TrackingEvent> readPage(List<JsonObject> records, List<FieldError> skipped) {
    List<TrackingEvent> events = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      read(records.get(i), "Data[" + i + "]", EventSource.POLL, Instant.now(), events, skipped);
    }
    return events;
  }

  private void read(Object value, String at, EventSource source, Instant received,
      List<TrackingEvent> events, List<FieldError> errors) {
    if (!(value instanceof JsonObject r)) {
      errors.add(new FieldError(at, "type", "a record must be a JSON object"));
      return;
    }
    int before = errors.size();
    String item = r.getValue("ItemCode") instanceof String s ? s.trim() : null;
    if (item == null || !ITEM.matcher(item).matches()) {
      errors.add(new FieldError(path(at, "ItemCode"), "invalid_item_code", "13-character S10 item code required"));
    }
    Object status = r.getValue("StatusCode");
    if (!(status instanceof Number) && !(status instanceof String)) {
      errors.add(new FieldError(path(at, "StatusCode"), "required", "StatusCode required"));
    }
    OffsetDateTime when = null;
    try {
      when = OffsetDateTime.parse(String.valueOf(r.getValue("StatusDate")));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(path(at, "StatusDate"), "invalid_date",
          "ISO 8601 time with offset required, e.g. 2025-11-24T10:02:11+07:00"));
    }
    String cursor = r.getValue("_id") instanceof String s ? s : null;
    if (cursor != null && !cursor.matches("^[0-9a-f]{24}$")) {
      errors.add(new FieldError(path(at, "_id"), "invalid_cursor", "_id must be 24 hex digits"));
    }
    if (errors.size() > before) {
      return;
    }
    String rawCode = String.valueOf(status).trim();
    String locationCode = text(r, "PostOfficeCode", 32);
    events.add(new TrackingEvent(null, null, item, map.map(rawCode).orElse(null), rawCode,
        text(r, "StatusMessage", 200), when, received, locationCode,
        text(r, "PostOfficeName", 200), text(r, "Reason", 300), text(r, "PostmanName", 100),
        proof(r), null, r.getValue("CODCollected") instanceof Number n ? n.longValue() : null,
        text(r, "ReceiptNumber", 64), null, source, cursor,
        compositeKey(item, rawCode, when, locationCode), Set.of()));
  }

  /**
   * The EMS Vietnam push, received at {@code received}: one status of one item, de-duplicated on
   * its transaction id.
   */
  public TrackingEvent readEms(JsonObject r, String transaction, Instant received) {
    List<FieldError> errors = new ArrayList<>();
    String item = r.getValue("TrackingCode") instanceof String s ? s.trim() : null;
    if (item == null || !ITEM.matcher(item).matches()) {
      errors.add(new FieldError("TrackingCode", "invalid_item_code", "13-character S10 item code required"));
    }
    Object status = r.getValue("StatusCode");
    if (!(status instanceof Number) && !(status instanceof String)) {
      errors.add(new FieldError("StatusCode", "required", "StatusCode required"));
    }
    OffsetDateTime when = null;
    try {
      when = LocalDateTime.parse(String.valueOf(r.getValue("CreatedAt")), EMS_TIME)
          .atZone(VIETNAM).toOffsetDateTime();
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("CreatedAt", "invalid_date", "yyyy-MM-dd HH:mm:ss (Asia/Ho_Chi_Minh) required"));
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    String rawCode = String.valueOf(status).trim();
    return new TrackingEvent(null, null, item, map.map(rawCode).orElse(null), rawCode,
        text(r, "StatusName", 200), when, received, null, text(r, "Location", 200), null,
        null, null, null, null, null, null, EventSource.WEBHOOK, transaction,
        "ems:" + transaction, Set.of());
  }

  /** Same item, same carrier code, same instant, same place: the same event. */
  public static String compositeKey(String item, String rawCode, OffsetDateTime when,
      String location) {
    return "c:" + item + ":" + rawCode + ":" + when.toInstant().toEpochMilli() + ":"
        + (location == null ? "" : location);
  }

  private static JsonObject proof(JsonObject r) {
    String receiver = text(r, "ReceiverName", 200);
    return receiver == null ? null : new JsonObject().put("recipientName", receiver);
  }

  private static String text(JsonObject r, String key, int max) {
    Object v = r.getValue(key);
    if (v == null) {
      return null;
    }
    String s = String.valueOf(v).strip();
    return s.isEmpty() ? null : s.length() > max ? s.substring(0, max) : s;
  }

  private static String path(String at, String field) {
    return at.isEmpty() ? field : at + "." + field;
  }

}
