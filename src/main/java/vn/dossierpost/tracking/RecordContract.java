package vn.dossierpost.tracking;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;
import vn.dossierpost.http.FieldError;

/**
 * The carrier's {@code TrackingRecord} and {@code EmsPush} (tracking-contracts/vnpost-hcc.openapi.yaml),
 * checked by hand: one pass over the record's fields, no schema library, since every pushed record passes
 * here on the webhook's hot path. ContractTest replays every example through this class and
 * through the JSON schema, so that the two cannot drift.
 */
final class RecordContract {

  /** Carrier codes are 0–22, 101–111 and our 901; a larger one is an error, not a new code. */
  static final int MAX_STATUS_CODE = 999;
  /** As CreateOrderRequest.CODAmount: the most a postman collects for one item, in đồng. */
  static final long MAX_COD = 100_000_000L;
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  /** A carrier clock may run a little ahead of ours; as for courier scans. */
  static final Duration AHEAD = Duration.ofMinutes(10);
  /** Longer than any ISO 8601 time with offset and nanoseconds. */
  private static final int MAX_DATE_LENGTH = 40;
  private static final DateTimeFormatter EMS_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withResolverStyle(ResolverStyle.STRICT);

  /** Optional text fields and their longest value, in characters (Unicode code points). */
  private static final Map<String, Integer> TEXT = Map.of(
      "OrderNumber", 64,
      "StatusMessage", 200,
      "PostOfficeCode", 32,
      "PostOfficeName", 200,
      "Reason", 300,
      "PostmanName", 100,
      "ReceiverName", 200,
      "ReceiptNumber", 64);

  private RecordContract() {
  }

  /**
   * Adds every way {@code value} breaks the contract to {@code errors}, with fields named below
   * {@code at}; answers whether it conforms. {@code now} bounds StatusDate from above.
   */
  static boolean check(Object value, String at, Instant now, List<FieldError> errors) {
    if (!(value instanceof JsonObject record)) {
      add(errors, at.isEmpty() ? "record" : at, "type", "a record must be a JSON object");
      return false;
    }
    int before = errors.size();
    boolean item = false;
    boolean status = false;
    boolean date = false;
    for (Map.Entry<String, Object> field : record) {
      String name = field.getKey();
      Object v = field.getValue();
      switch (name) {
        case "ItemCode" -> {
          item = true;
          if (!(v instanceof String s) || !isItemCode(s)) {
            add(errors, path(at, name), "invalid_item_code", "13-character S10 item code required");
          }
        }
        case "StatusCode" -> {
          status = true;
          integer(v, 0, MAX_STATUS_CODE, path(at, name), errors);
        }
        case "StatusDate" -> {
          date = true;
          date(v, now, path(at, name), errors);
        }
        case "_id" -> {
          if (v != null && !(v instanceof String s && isCursor(s))) {
            add(errors, path(at, name), "invalid_cursor", "_id must be 24 lower-case hex digits");
          }
        }
        case "CODCollected" -> {
          if (v != null) {
            integer(v, 0, MAX_COD, path(at, name), errors);
          }
        }
        default -> {
          Integer max = TEXT.get(name);
          if (max == null) {
            add(errors, path(at, name.length() > 64 ? name.substring(0, 64) + "…" : name),
                "unknown_field", "the contract has no such field");
          } else if (v != null && !(v instanceof String)) {
            add(errors, path(at, name), "type", name + " must be a string");
          } else if (v != null && tooLong((String) v, max)) {
            add(errors, path(at, name), "too_long", name + " is longer than " + max + " characters");
          }
        }
      }
    }
    if (!item) {
      add(errors, path(at, "ItemCode"), "required", "ItemCode required");
    }
    if (!status) {
      add(errors, path(at, "StatusCode"), "required", "StatusCode required");
    }
    if (!date) {
      add(errors, path(at, "StatusDate"), "required", "StatusDate required");
    }
    return errors.size() == before;
  }

  /**
   * The EMS Vietnam push (components/schemas/EmsPush): one status of one item, its time in
   * Vietnam without an offset. Adds every violation to {@code errors}; answers whether it conforms.
   */
  static boolean checkEms(JsonObject push, Instant now, List<FieldError> errors) {
    int before = errors.size();
    boolean item = false;
    boolean status = false;
    boolean date = false;
    for (Map.Entry<String, Object> field : push) {
      String name = field.getKey();
      Object v = field.getValue();
      switch (name) {
        case "TrackingCode" -> {
          item = true;
          if (!(v instanceof String s) || !isItemCode(s)) {
            add(errors, name, "invalid_item_code", "13-character S10 item code required");
          }
        }
        case "StatusCode" -> {
          status = true;
          if (v instanceof String s) {
            if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
              add(errors, name, "type", "an integer, or its 1 to 3 digits as text, required");
            }
          } else {
            integer(v, 0, MAX_STATUS_CODE, name, errors);
          }
        }
        case "CreatedAt" -> {
          date = true;
          emsDate(v, now, name, errors);
        }
        case "StatusName", "Location" -> {
          if (v != null && !(v instanceof String)) {
            add(errors, name, "type", name + " must be a string");
          } else if (v != null && tooLong((String) v, 200)) {
            add(errors, name, "too_long", name + " is longer than 200 characters");
          }
        }
        default -> add(errors, name.length() > 64 ? name.substring(0, 64) + "…" : name,
            "unknown_field", "the contract has no such field");
      }
    }
    if (!item) {
      add(errors, "TrackingCode", "required", "TrackingCode required");
    }
    if (!status) {
      add(errors, "StatusCode", "required", "StatusCode required");
    }
    if (!date) {
      add(errors, "CreatedAt", "required", "CreatedAt required");
    }
    return errors.size() == before;
  }

  /** The time of an EMS push that passed {@link #checkEms}. */
  static OffsetDateTime emsDate(JsonObject push) {
    return LocalDateTime.parse(push.getString("CreatedAt"), EMS_TIME).atZone(CarrierRecords.VIETNAM)
        .toOffsetDateTime();
  }

  /** The status code of an EMS push that passed {@link #checkEms}: "07" and 7 are both "7". */
  static String emsStatusCode(JsonObject push) {
    Object v = push.getValue("StatusCode");
    return v instanceof String s ? Integer.toString(Integer.parseInt(s))
        : Long.toString(((Number) v).longValue());
  }

  /** The status code of a record that passed {@link #check}. */
  static String statusCode(JsonObject record) {
    return Long.toString(((Number) record.getValue("StatusCode")).longValue());
  }

  /** The time of a record that passed {@link #check}. */
  static OffsetDateTime statusDate(JsonObject record) {
    return parseDate(record.getString("StatusDate"));
  }

  private static void integer(Object v, long min, long max, String field, List<FieldError> errors) {
    if (!isInteger(v)) {
      add(errors, field, "type", "an integer required");
    } else if (((Number) v).doubleValue() < min || ((Number) v).doubleValue() > max) {
      add(errors, field, "out_of_range", "must be from " + min + " to " + max);
    }
  }

  /** An integer in the JSON sense: 7 and 7.0 are, 7.5 and "7" are not. */
  private static boolean isInteger(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger) {
      return true;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return !Double.isInfinite(d) && d == Math.rint(d);
    }
    return v instanceof BigDecimal b && b.stripTrailingZeros().scale() <= 0;
  }

  private static void date(Object v, Instant now, String field, List<FieldError> errors) {
    OffsetDateTime at = v instanceof String s ? parseDate(s) : null;
    if (at == null) {
      add(errors, field, "invalid_date", "ISO 8601 time with offset required, e.g. 2025-11-24T10:02:11+07:00");
    } else if (at.toInstant().isBefore(EARLIEST) || at.toInstant().isAfter(now.plus(AHEAD))) {
      add(errors, field, "out_of_range", "must be from 2000-01-01 to ten minutes from now");
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm[:ss[.f…]](Z|±HH:MM)}, the schema's pattern, read by hand: a
   * DateTimeFormatter took most of the check's time. Null when it is not a valid time.
   */
  static OffsetDateTime parseDate(String s) {
    int n = s.length();
    if (n < 17 || n > MAX_DATE_LENGTH || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = 0;
    int nano = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      second = digits(s, i + 1, 2);
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        if (i == start) {
          return null;
        }
        nano = digits(s, start, i - start);
        for (int k = i - start; k < 9; k++) {
          nano *= 10;
        }
      }
    }
    ZoneOffset offset;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int h = digits(s, i + 1, 2);
      int m = digits(s, i + 4, 2);
      if (h < 0 || m < 0 || h > 18 || m > 59) {
        return null;
      }
      int sign = s.charAt(i) == '-' ? -1 : 1;
      offset = ZoneOffset.ofHoursMinutes(sign * h, sign * m);
    } else {
      return null;
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || nano < 0) {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number of {@code count} digits at {@code from}; -1 if one is not a digit. */
  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void emsDate(Object v, Instant now, String field, List<FieldError> errors) {
    Instant at;
    try {
      at = v instanceof String s && s.length() == 19
          ? LocalDateTime.parse(s, EMS_TIME).atZone(CarrierRecords.VIETNAM).toInstant() : null;
    } catch (DateTimeParseException e) {
      at = null;
    }
    if (at == null) {
      add(errors, field, "invalid_date", "yyyy-MM-dd HH:mm:ss (Asia/Ho_Chi_Minh) required");
    } else if (at.isBefore(EARLIEST) || at.isAfter(now.plus(AHEAD))) {
      add(errors, field, "out_of_range", "must be from 2000-01-01 to ten minutes from now");
    }
  }

  static boolean isItemCode(String s) {
    if (s.length() != 13) {
      return false;
    }
    for (int i = 0; i < 13; i++) {
      char c = s.charAt(i);
      boolean ok = i < 2 || i > 10 ? c >= 'A' && c <= 'Z' : c >= '0' && c <= '9';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCursor(String s) {
    if (s.length() != 24) {
      return false;
    }
    for (int i = 0; i < 24; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** JSON Schema counts code points; a UTF-16 length within the limit is always within it. */
  private static boolean tooLong(String s, int max) {
    return s.length() > max && s.codePointCount(0, s.length()) > max;
  }

  private static void add(List<FieldError> errors, String field, String code, String message) {
    errors.add(new FieldError(field, code, message));
  }

  private static String path(String at, String field) {
    return at.isEmpty() ? field : at + "." + field;
  }
}
