package vn.dossierpost.order;

import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.s10.S10;

/**
 * Filters of the order list. Dates without a time are days in Asia/Ho_Chi_Minh: {@code from}
 * includes its whole day, {@code to} too.
 */
public record OrderQuery(Optional<OrderStatus> status, Optional<Leg> leg,
    Optional<String> dossierCode, Optional<String> itemCode, Optional<OffsetDateTime> from,
    Optional<OffsetDateTime> to, Optional<PageCursor> after, int limit) {

  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final Set<String> KNOWN =
      Set.of("status", "leg", "dossierCode", "itemCode", "from", "to", "cursor", "limit");

  public static OrderQuery parse(MultiMap params) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : params.names()) {
      if (!KNOWN.contains(name)) {
        errors.add(new FieldError(name, "unknown_parameter", "Tham số không được hỗ trợ."));
      } else if (params.getAll(name).size() > 1) {
        errors.add(new FieldError(name, "repeated", "Chỉ được dùng một lần."));
      }
    }
    Optional<OrderStatus> status = optional(params, "status").flatMap(s -> enumOf(OrderStatus.class,
        s, "status", errors));
    Optional<Leg> leg = optional(params, "leg").flatMap(s -> enumOf(Leg.class, s, "leg", errors));
    Optional<String> dossier = optional(params, "dossierCode");
    if (dossier.isPresent() && !OrderValidator.DOSSIER_CODE.matcher(dossier.get()).matches()) {
      errors.add(new FieldError("dossierCode", "invalid_format", "Mã hồ sơ không đúng định dạng."));
    }
    Optional<String> item = optional(params, "itemCode").map(S10::normalize);
    if (item.isPresent() && !S10.isValid(item.get())) {
      errors.add(new FieldError("itemCode", "invalid_item_code", "Mã bưu gửi không hợp lệ (S10)."));
    }
    Optional<OffsetDateTime> from = optional(params, "from").flatMap(s -> time(s, false, "from", errors));
    Optional<OffsetDateTime> to = optional(params, "to").flatMap(s -> time(s, true, "to", errors));
    Optional<PageCursor> after = optional(params, "cursor").flatMap(s -> {
      Optional<PageCursor> cursor = PageCursor.decode(s);
      if (cursor.isEmpty()) {
        errors.add(new FieldError("cursor", "invalid_cursor", "Con trỏ trang không hợp lệ."));
      }
      return cursor;
    });
    int limit = 50;
    Optional<String> rawLimit = optional(params, "limit");
    if (rawLimit.isPresent()) {
      try {
        limit = Integer.parseInt(rawLimit.get());
        if (limit < 1 || limit > 200) {
          errors.add(new FieldError("limit", "out_of_range", "Phải trong khoảng 1 đến 200."));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "not_integer", "Phải là số nguyên."));
      }
    }
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      errors.add(new FieldError("to", "before_from", "Phải sau thời điểm 'from'."));
    }
    if (!errors.isEmpty()) {
      throw Problems.badQuery(errors);
    }
    return new OrderQuery(status, leg, dossier, item, from, to, after, limit);
  }

  private static Optional<String> optional(MultiMap params, String name) {
    String value = params.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String value, String name,
      List<FieldError> errors) {
    try {
      return Optional.of(Enum.valueOf(type, value));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, "invalid_value", "Giá trị không hợp lệ."));
      return Optional.empty();
    }
  }

  /** {@code to} as a date means "through the end of that day", so it becomes the next midnight. */
  private static Optional<OffsetDateTime> time(String value, boolean endOfDay, String name,
      List<FieldError> errors) {
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay(VIETNAM).toOffsetDateTime());
      }
      return Optional.of(OffsetDateTime.parse(value));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "invalid_date",
          "Dùng ngày YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ."));
      return Optional.empty();
    }
  }
}
