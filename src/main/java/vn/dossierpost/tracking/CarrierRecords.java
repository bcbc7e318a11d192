package vn.dossierpost.tracking;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
  static final int MAX_BATCH = 1000;
  static final int MAX_ERRORS = 100;

  private final StatusMap map;

  public CarrierRecords(StatusMap map) {
    this.map = map;
  }

  /**
   * One record or {@code {"events": [...]}}, received at {@code received}; every bad record is
   * named in one 422 (at most {@value #MAX_ERRORS} of its errors), and nothing is read of a
   * message with one.
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
      throw Problems.validation(errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
    }
    return events;
  }

  /** A polled record the contract refuses, with its errors: parked, never fatal to its page. */
  public record Rejected(Object record, List<FieldError> errors) {
  }

  /** What a polled page holds: the events of its good records, and its bad ones. */
  public record Page(List<TrackingEvent> events, List<Rejected> rejected) {
  }

  /** Records of a polled page, read at {@code now}; each is checked on its own. */
  public Page readPage(List<?> records, Instant now) {
    List<TrackingEvent> events = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (Object record : records) {
      List<FieldError> errors = new ArrayList<>();
      read(record, "", EventSource.POLL, now, events, errors);
      if (!errors.isEmpty()) {
        rejected.add(new Rejected(record, List.copyOf(
            errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors)));
      }
    }
    return new Page(events, rejected);
  }

  private void read(Object value, String at, EventSource source, Instant received,
      List<TrackingEvent> events, List<FieldError> errors) {
    if (!RecordContract.check(value, at, received, errors)) {
      return;
    }
    JsonObject r = (JsonObject) value;
    String item = r.getString("ItemCode");
    String rawCode = RecordContract.statusCode(r);
    OffsetDateTime when = RecordContract.statusDate(r);
    String locationCode = text(r, "PostOfficeCode", 32);
    events.add(new TrackingEvent(null, null, item, map.map(rawCode).orElse(null), rawCode,
        text(r, "StatusMessage", 200), when, received, locationCode,
        text(r, "PostOfficeName", 200), text(r, "Reason", 300), text(r, "PostmanName", 100),
        proof(r), null, r.getValue("CODCollected") instanceof Number n ? n.longValue() : null,
        text(r, "ReceiptNumber", 64), null, source, r.getString("_id"),
        compositeKey(item, rawCode, when, locationCode), Set.of()));
  }

  /**
   * The EMS Vietnam push, received at {@code received}: one status of one item, de-duplicated on
   * its transaction id.
   */
  public TrackingEvent readEms(JsonObject r, String transaction, Instant received) {
    List<FieldError> errors = new ArrayList<>();
    if (!RecordContract.checkEms(r, received, errors)) {
      throw Problems.validation(errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
    }
    String rawCode = RecordContract.emsStatusCode(r);
    return new TrackingEvent(null, null, r.getString("TrackingCode"), map.map(rawCode).orElse(null),
        rawCode, text(r, "StatusName", 200), RecordContract.emsDate(r), received, null,
        text(r, "Location", 200), null, null, null, null, null, null, null, EventSource.WEBHOOK,
        transaction, "ems:" + transaction, Set.of());
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
