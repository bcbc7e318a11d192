package vn.dossierpost.carrier.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The planned tracking records of one item, as offsets in simulated time from its booking.
 * Pure: the simulator stores the plan and publishes each step when it falls due.
 */
public final class Lifecycle {

  /** Where a step happens: the post office serving the sender, or the one serving the receiver. */
  public enum Place { ORIGIN, DESTINATION }

  /** What the courier records at a step. */
  public enum Proof { NONE, FEE_AT_PICKUP, DELIVERY }

  public record Step(int step, Duration at, int statusCode, String message, Place place,
      String reason, Proof proof) {
  }

  static final Duration HOLDING_PERIOD = Duration.ofDays(5);

  private Lifecycle() {
  }

  public static List<Step> plan(Scenario scenario) {
    Plan p = new Plan();
    p.add(0, 1, "Đã tạo đơn", Place.ORIGIN);
    p.add(10, 2, "Đã giao bưu tá đi nhận", Place.ORIGIN);
    p.add(40, 4, "Bưu tá đang đi nhận", Place.ORIGIN);
    long shift = 0;
    if (scenario == Scenario.PICKUP_FAILED_THEN_COLLECTED) {
      p.fail(60, 5, "Nhận hàng không thành công", Place.ORIGIN, "Công dân vắng nhà");
      p.add(24 * 60, 4, "Bưu tá đang đi nhận", Place.ORIGIN);
      shift = 24 * 60;
    }
    p.proof(shift + 60, 6, "Đã nhận hàng", Place.ORIGIN, Proof.FEE_AT_PICKUP);
    p.add(shift + 90, 7, "Đã nhận tại bưu cục", Place.ORIGIN);
    p.add(shift + 180, 10, "Đang vận chuyển", Place.ORIGIN);
    if (scenario == Scenario.LOST) {
      p.fail(shift + 72 * 60, 901, "Thất lạc/hư hỏng", Place.ORIGIN,
          "Bưu gửi thất lạc trong quá trình vận chuyển");
      return p.steps;
    }
    p.add(shift + 18 * 60, 11, "Đến bưu cục", Place.DESTINATION);
    p.add(shift + 24 * 60, 12, "Đang phát", Place.DESTINATION);
    switch (scenario) {
      case ONE_FAILED_ATTEMPT -> {
        p.fail(shift + 26 * 60, 15, "Phát không thành công", Place.DESTINATION, "Người nhận vắng nhà");
        p.add(shift + 48 * 60, 12, "Đang phát", Place.DESTINATION);
        p.proof(shift + 50 * 60, 14, "Phát thành công", Place.DESTINATION, Proof.DELIVERY);
      }
      case TWO_FAILED_THEN_RETURNED -> {
        p.fail(shift + 26 * 60, 15, "Phát không thành công", Place.DESTINATION, "Người nhận vắng nhà");
        p.add(shift + 48 * 60, 12, "Đang phát", Place.DESTINATION);
        p.fail(shift + 50 * 60, 15, "Phát không thành công", Place.DESTINATION,
            "Không liên lạc được với người nhận");
        p.add(shift + 51 * 60, 16, "Chờ chuyển hoàn", Place.DESTINATION);
        long returnAt = shift + 51 * 60 + HOLDING_PERIOD.toMinutes();
        p.add(returnAt, 17, "Duyệt chuyển hoàn", Place.DESTINATION);
        p.add(returnAt + 60, 18, "Đang chuyển hoàn", Place.DESTINATION);
        p.add(returnAt + 20 * 60, 19, "Hoàn thành", Place.ORIGIN);
      }
      default -> p.proof(shift + 26 * 60, 14, "Phát thành công", Place.DESTINATION, Proof.DELIVERY);
    }
    return p.steps;
  }

  private static final class Plan {
    private final List<Step> steps = new ArrayList<>();

    void add(long minutes, int code, String message, Place place) {
      steps.add(new Step(steps.size() + 1, Duration.ofMinutes(minutes), code, message, place, null,
          Proof.NONE));
    }

    void fail(long minutes, int code, String message, Place place, String reason) {
      steps.add(new Step(steps.size() + 1, Duration.ofMinutes(minutes), code, message, place, reason,
          Proof.NONE));
    }

    void proof(long minutes, int code, String message, Place place, Proof proof) {
      steps.add(new Step(steps.size() + 1, Duration.ofMinutes(minutes), code, message, place, null,
          proof));
    }
  }
}
