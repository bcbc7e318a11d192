package vn.dossierpost.dossier;

import io.vertx.core.MultiMap;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.order.OrderQuery;
import vn.dossierpost.order.PageCursor;

/**
 * Filters of the dossier list: {@code status}, {@code mode}, and the order list's own
 * {@code dossierCode}, {@code from}, {@code to}, {@code cursor}, {@code limit} (read by it).
 */
record DossierQuery(Optional<DossierStatus> status, Optional<DossierMode> mode, boolean overdue,
    Optional<String> dossierCode, Optional<OffsetDateTime> from, Optional<OffsetDateTime> to,
    Optional<PageCursor> after, int limit) {

  private static final Set<String> SHARED = Set.of("dossierCode", "from", "to", "cursor", "limit");

  static DossierQuery parse(MultiMap params) {
    List<FieldError> errors = new ArrayList<>();
    MultiMap shared = MultiMap.caseInsensitiveMultiMap();
    for (String name : params.names()) {
      if (SHARED.contains(name)) {
        shared.add(name, params.getAll(name));
      } else if (!"status".equals(name) && !"mode".equals(name) && !"flag".equals(name)) {
        errors.add(new FieldError(name, "unknown_parameter", "Tham số không được hỗ trợ."));
      } else if (params.getAll(name).size() > 1) {
        errors.add(new FieldError(name, "repeated", "Chỉ được dùng một lần."));
      }
    }
    Optional<DossierStatus> status = enumOf(DossierStatus.class, params.get("status"), "status", errors);
    Optional<DossierMode> mode = enumOf(DossierMode.class, params.get("mode"), "mode", errors);
    String flag = params.get("flag");
    boolean overdue = Dossier.OVERDUE.equals(flag == null ? null : flag.trim());
    if (flag != null && !flag.isBlank() && !overdue) {
      errors.add(new FieldError("flag", "invalid", "Chỉ hỗ trợ flag=OVERDUE."));
    }
    OrderQuery base = null;
    try {
      base = OrderQuery.parse(shared);
    } catch (vn.dossierpost.http.ProblemException e) {
      if (errors.isEmpty()) {
        throw e;
      }
      errors.addAll(e.problem().errors()); // every violation at once, the shared filters' too
    }
    if (!errors.isEmpty() || base == null) {
      throw Problems.badQuery(errors);
    }
    return new DossierQuery(status, mode, overdue, base.dossierCode(), base.from(), base.to(),
        base.after(), base.limit());
  }

  private static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String value, String name,
      List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Enum.valueOf(type, value.trim()));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, "invalid_value", "Giá trị không hợp lệ."));
      return Optional.empty();
    }
  }
}
