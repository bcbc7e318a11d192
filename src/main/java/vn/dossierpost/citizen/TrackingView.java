package vn.dossierpost.citizen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import vn.dossierpost.geo.Provinces;
import vn.dossierpost.notify.Progress;
import vn.dossierpost.notify.Reasons;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.TrackingEvent;

/**
 * What the public page says about one leg, in plain Vietnamese: the status, what to do next,
 * and the timeline in Vietnam time. Built only from what a link may show (DOMAIN.md); the
 * {@code detail} part is filled only after the second factor.
 */
public record TrackingView(
    Leg leg,
    OrderStatus status,
    String dossierCode,
    String itemCode,
    String citizenName,
    String citizenPhone,
    String headline,
    String nextStep,
    OffsetDateTime updatedAt,
    List<Step> timeline,
    Detail detail) {

  /** One line of the timeline. */
  public record Step(OffsetDateTime at, String code, String text, String place, String reason) {
  }

  /** Shown after the last four digits of the phone were given. */
  public record Detail(String officeName, String officePhone, String procedureCode, long feeToCollect,
      String province, int attempts) {
  }

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

  static TrackingView of(Progress p, String maskedName, String maskedPhone, String officeName,
      OffsetDateTime updatedAt, List<TrackingEvent> history, Detail detail) {
    List<Step> steps = new ArrayList<>();
    boolean booked = false;
    for (TrackingEvent e : history) {
      if (e.code() == null || e.code() == EventCode.INFO || e.flags().contains(TrackingEvent.FLAG_AFTER_FINAL)
          || e.flags().contains(TrackingEvent.FLAG_NEEDS_PROOF)) {
        continue;
      }
      // A shipment is booked once: the carrier's own "order created" record repeats ours.
      if (e.code() == EventCode.BOOKING_CONFIRMED) {
        if (booked) {
          continue;
        }
        booked = true;
      }
      boolean failure = e.code() == EventCode.DELIVERY_FAILED || e.code() == EventCode.COLLECTION_FAILED;
      steps.add(new Step(e.occurredAt().atZoneSameInstant(Progress.VIETNAM).toOffsetDateTime(),
          e.code().name(), words(p.leg(), e.code()), e.locationName(),
          failure ? Reasons.of(e.reason()).page() : null));
    }
    return new TrackingView(p.leg(), p.status(), p.dossierCode(), p.itemCode(), maskedName,
        maskedPhone, headline(p.leg(), p.status()), nextStep(p, officeName),
        updatedAt == null ? null : updatedAt.atZoneSameInstant(Progress.VIETNAM).toOffsetDateTime(),
        List.copyOf(steps), detail);
  }

  static String headline(Leg leg, OrderStatus s) {
    boolean pickup = leg == Leg.PICKUP;
    return switch (s) {
      case AWAITING_RESULT -> "Hồ sơ đang được giải quyết";
      case CREATED -> pickup ? "Đã tiếp nhận yêu cầu thu gom hồ sơ" : "Kết quả đang chờ giao cho bưu điện";
      case BOOKED -> pickup ? "Đã đặt lịch thu gom hồ sơ" : "Kết quả đang chờ giao cho bưu điện";
      case BOOKING_FAILED -> "Chưa đặt được dịch vụ bưu chính";
      case COLLECTED -> pickup ? "Bưu điện đã nhận hồ sơ của bạn" : "Bưu điện đã nhận kết quả từ cơ quan";
      case COLLECTION_FAILED -> "Bưu điện chưa nhận được hồ sơ";
      case IN_TRANSIT -> "Đang vận chuyển";
      case OUT_FOR_DELIVERY -> pickup ? "Đang chuyển hồ sơ đến cơ quan" : "Đang phát đến bạn";
      case DELIVERY_FAILED -> "Phát chưa thành công";
      case AWAITING_PICKUP -> "Đang chờ bạn đến nhận tại bưu cục";
      case DELIVERED -> pickup ? "Cơ quan đã nhận hồ sơ" : "Đã phát thành công";
      case RETURNING -> pickup ? "Hồ sơ đang được hoàn trả cho bạn" : "Đang chuyển trả về cơ quan";
      case RETURNED -> pickup ? "Hồ sơ đã được hoàn trả cho bạn" : "Đã chuyển trả về cơ quan";
      case CANCELLED -> "Yêu cầu đã bị hủy";
      case LOST -> "Bưu gửi bị thất lạc";
    };
  }

  static String nextStep(Progress p, String officeName) {
    boolean pickup = p.leg() == Leg.PICKUP;
    String office = officeName == null ? "cơ quan" : officeName;
    return switch (p.status()) {
      case AWAITING_RESULT -> "Khi có kết quả, bưu điện sẽ phát đến địa chỉ bạn đã đăng ký.";
      case CREATED -> "Bưu điện sẽ liên hệ với bạn để hẹn thời gian.";
      case BOOKED -> pickup
          ? "Nhân viên bưu điện sẽ đến nhận hồ sơ từ ngày " + date(p.collectFrom()) + " đến ngày "
              + date(p.collectTo()) + ". Vui lòng chuẩn bị đủ giấy tờ theo hướng dẫn của cơ quan."
          : "Bưu điện sẽ nhận kết quả từ cơ quan và phát đến địa chỉ bạn đã đăng ký.";
      case BOOKING_FAILED -> "Vui lòng liên hệ " + office + " để được hướng dẫn.";
      case COLLECTED -> pickup ? "Hồ sơ đang được chuyển đến cơ quan giải quyết."
          : "Kết quả sẽ được phát đến địa chỉ bạn đã đăng ký.";
      case COLLECTION_FAILED -> "Lý do: " + reason(p) + ". Bưu điện sẽ liên hệ lại để hẹn lần nhận tiếp theo.";
      case IN_TRANSIT -> pickup ? "Hồ sơ đang trên đường đến cơ quan." : "Kết quả đang trên đường đến bưu cục phát.";
      case OUT_FOR_DELIVERY -> pickup ? "Hồ sơ sẽ được giao cho cơ quan trong hôm nay."
          : "Nhân viên bưu điện sẽ phát trong hôm nay. Vui lòng mang theo căn cước công dân khi nhận.";
      case DELIVERY_FAILED -> "Lý do: " + reason(p) + ". " + (p.lastAttempt()
          ? "Kết quả sẽ được lưu tại bưu cục để bạn đến nhận."
          : "Bưu điện sẽ phát lại vào ngày " + date(p.retryOn()) + ".");
      case AWAITING_PICKUP -> "Mời bạn đến " + (p.postOffice() == null ? "bưu cục" : p.postOffice())
          + " để nhận" + (p.heldUntil() == null ? "" : " trước hết ngày " + date(p.heldUntil()))
          + ", mang theo căn cước công dân. Quá hạn, kết quả sẽ được chuyển trả về cơ quan.";
      case DELIVERED -> pickup ? (p.appointment() != null
          ? "Ngày hẹn trả kết quả: " + date(p.appointment()) + "."
          : "Cơ quan sẽ thông báo ngày hẹn trả kết quả.")
          : "Kết quả đã được giao. Cảm ơn bạn đã sử dụng dịch vụ.";
      case RETURNING, RETURNED -> pickup ? "Vui lòng liên hệ " + office + " để được hướng dẫn."
          : "Vui lòng liên hệ " + office + " để nhận kết quả.";
      case CANCELLED -> "Nếu cần, vui lòng liên hệ " + office + ".";
      case LOST -> office.substring(0, 1).toUpperCase() + office.substring(1)
          + " sẽ liên hệ với bạn để xử lý.";
    };
  }

  static String words(Leg leg, EventCode code) {
    boolean pickup = leg == Leg.PICKUP;
    return switch (code) {
      case INFO -> "Thông tin";
      case RESULT_AWAITED -> "Chờ kết quả giải quyết";
      case RESULT_READY -> "Đã có kết quả giải quyết";
      case BOOKING_CONFIRMED -> "Đã đặt dịch vụ bưu chính";
      case BOOKING_FAILED -> "Đặt dịch vụ không thành công";
      case COLLECTION_FAILED -> "Nhận hồ sơ không thành công";
      case COLLECTED -> pickup ? "Bưu điện đã nhận hồ sơ" : "Bưu điện đã nhận kết quả từ cơ quan";
      case ARRIVED_FACILITY -> "Đến bưu cục";
      case DEPARTED_FACILITY -> "Rời bưu cục";
      case OUT_FOR_DELIVERY -> pickup ? "Đang giao cho cơ quan" : "Đang phát";
      case DELIVERY_FAILED -> "Phát không thành công";
      case HELD_FOR_PICKUP -> "Lưu tại bưu cục chờ nhận";
      case DELIVERED -> pickup ? "Cơ quan đã nhận hồ sơ" : "Đã phát thành công";
      case RETURN_STARTED -> "Bắt đầu chuyển hoàn";
      case RETURNED -> "Đã chuyển hoàn";
      case CANCELLED -> "Đã hủy";
      case LOST -> "Thất lạc";
    };
  }

  private static String reason(Progress p) {
    return (p.reason() == null ? Reasons.OTHER : p.reason()).page().toLowerCase(java.util.Locale.ROOT);
  }

  private static String date(LocalDate d) {
    return d == null ? "" : DATE.format(d);
  }

  public JsonObject toJson() {
    JsonArray steps = new JsonArray();
    timeline.forEach(s -> steps.add(new JsonObject().put("at", s.at().toString()).put("code", s.code())
        .put("text", s.text()).put("place", s.place()).put("reason", s.reason())));
    JsonObject json = new JsonObject().put("leg", leg.name()).put("status", status.name())
        .put("dossierCode", dossierCode).put("itemCode", itemCode)
        .put("citizen", new JsonObject().put("name", citizenName).put("phone", citizenPhone))
        .put("headline", headline).put("nextStep", nextStep)
        .put("updatedAt", updatedAt == null ? null : updatedAt.toString()).put("timeline", steps);
    if (detail != null) {
      json.put("detail", new JsonObject().put("officeName", detail.officeName())
          .put("officePhone", detail.officePhone()).put("procedureCode", detail.procedureCode())
          .put("feeToCollect", detail.feeToCollect())
          .put("province", Provinces.name(detail.province()).orElse(null))
          .put("failedAttempts", detail.attempts()));
    }
    return json;
  }
}
