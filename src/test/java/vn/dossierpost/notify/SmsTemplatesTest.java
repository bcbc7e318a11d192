package vn.dossierpost.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;

/** Every milestone's SMS, filled with the longest realistic values, fits one GSM-7 segment. */
class SmsTemplatesTest {

  /** As long as DP_PUBLIC_BASE_URL may be. */
  private static final String BASE = "https://tracuu.hanhchinhcong.khanhhoa.vn";
  private static final String LINK = BASE + "/t/" + "A".repeat(27);
  private static final String LONGEST_CODE = "000.00.12.H56-251124-0001";
  private static final String LONGEST_OFFICE =
      "Bưu cục Khai thác Cấp 1 Trung tâm Thành phố Hồ Chí Minh (Điểm phục vụ Hành chính công)";

  private static Progress progress(Leg leg, OrderStatus status, Reasons reason, boolean last,
      LocalDate appointment) {
    LocalDate d = LocalDate.of(2025, 12, 31);
    return new Progress(leg, status, LONGEST_CODE, "EB123456789VN", d, d, appointment, reason,
        last ? 2 : 1, last, d, LONGEST_OFFICE, d);
  }

  private static List<SmsTemplates.Sms> everyMessage() {
    List<SmsTemplates.Sms> all = new ArrayList<>();
    for (Leg leg : Leg.values()) {
      for (OrderStatus status : OrderStatus.values()) {
        for (Reasons reason : Reasons.values()) {
          for (boolean last : new boolean[] {false, true}) {
            for (LocalDate appointment : new LocalDate[] {null, LocalDate.of(2025, 12, 31)}) {
              SmsTemplates.message(progress(leg, status, reason, last, appointment), LINK).ifPresent(all::add);
            }
          }
        }
      }
    }
    return all;
  }

  @Test
  void everyDossierStepMessageFitsOneSegmentPlainWithItsLinkLast() {
    List<SmsTemplates.Sms> all = new ArrayList<>();
    for (String step : new String[] {"received", "supplement", "result_ready"}) {
      SmsTemplates.dossierMessage(step, LONGEST_CODE, LocalDate.of(2025, 12, 31), 50, LINK)
          .ifPresent(all::add);
    }

    assertThat(all).extracting(SmsTemplates.Sms::template)
        .containsExactly("dossier.received", "dossier.supplement", "dossier.result_ready");
    for (SmsTemplates.Sms sms : all) {
      assertThat(SmsText.septets(sms.text())).as(sms.text()).isBetween(1, SmsText.SEGMENT);
      assertThat(sms.text()).endsWith(LINK).matches("[\\x20-\\x7e]+").contains(LONGEST_CODE);
    }
    assertThat(all.get(0).text()).contains("31/12/2025");
    assertThat(all.get(1).text()).contains("bo sung 50 giay to");
    // no date, no appointment message; an unknown step has none
    assertThat(SmsTemplates.dossierMessage("received", LONGEST_CODE, null, 0, LINK)).isEmpty();
    assertThat(SmsTemplates.dossierMessage("close", LONGEST_CODE, null, 0, LINK)).isEmpty();
  }

  @Test
  void theLongestBaseUrlAllowedIsTheOneTheseTestsUse() {
    assertThat(BASE).hasSize(AppConfig.HttpConfig.MAX_PUBLIC_BASE_URL_LENGTH);
  }

  @Test
  void everyMessageFitsOneGsm7SegmentWithItsLinkLast() {
    List<SmsTemplates.Sms> all = everyMessage();

    assertThat(all).hasSizeGreaterThan(20);
    for (SmsTemplates.Sms sms : all) {
      assertThat(SmsText.septets(sms.text())).as(sms.template() + ": " + sms.text())
          .isBetween(1, SmsText.SEGMENT);
      assertThat(sms.text()).as(sms.template()).endsWith(LINK).matches("[\\x20-\\x7e]+");
      assertThat(sms.text()).doesNotContain("{").doesNotContain("}");
    }
  }

  @Test
  void eachMilestoneTheIssueNamesHasItsMessage() {
    assertThat(template(Leg.PICKUP, OrderStatus.BOOKED, null)).contains("pickup.booked");
    assertThat(template(Leg.PICKUP, OrderStatus.COLLECTED, null)).contains("pickup.collected");
    assertThat(template(Leg.PICKUP, OrderStatus.DELIVERED, LocalDate.of(2025, 12, 1))).contains("pickup.received");
    assertThat(template(Leg.DELIVERY, OrderStatus.COLLECTED, null)).contains("delivery.handed_over");
    assertThat(template(Leg.DELIVERY, OrderStatus.OUT_FOR_DELIVERY, null)).contains("delivery.out_for_delivery");
    assertThat(template(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, null)).contains("delivery.failed");
    assertThat(template(Leg.DELIVERY, OrderStatus.AWAITING_PICKUP, null)).contains("delivery.awaiting_pickup");
    assertThat(template(Leg.DELIVERY, OrderStatus.DELIVERED, null)).contains("delivery.delivered");
    assertThat(template(Leg.DELIVERY, OrderStatus.RETURNED, null)).contains("delivery.returned");
    assertThat(template(Leg.DELIVERY, OrderStatus.IN_TRANSIT, null)).isEmpty();
  }

  @Test
  void aStatusChangeWritesAnSmsJobExactlyWhenItsMilestoneHasAMessage() {
    for (Leg leg : Leg.values()) {
      for (OrderStatus status : OrderStatus.values()) {
        boolean some = false;
        for (Reasons reason : Reasons.values()) {
          for (boolean last : new boolean[] {false, true}) {
            for (LocalDate appointment : new LocalDate[] {null, LocalDate.of(2025, 12, 31)}) {
              some |= SmsTemplates.message(progress(leg, status, reason, last, appointment), LINK).isPresent();
            }
          }
        }
        assertThat(SmsTemplates.hasMessage(leg, status)).as(leg + " " + status).isEqualTo(some);
      }
    }
  }

  @Test
  void theMessagesSayWhatTheCitizenNeeds() {
    assertThat(text(progress(Leg.PICKUP, OrderStatus.BOOKED, null, false, null)))
        .isEqualTo("Ho so 000.00.12.H56-251124-0001: buu dien se den nhan ho so tu 31/12 den 31/12. "
            + "Tra cuu: " + LINK);
    assertThat(text(progress(Leg.PICKUP, OrderStatus.DELIVERED, null, false, LocalDate.of(2026, 1, 5))))
        .contains("Hen tra ket qua ngay 05/01/2026");
    assertThat(text(progress(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, Reasons.ABSENT, false, null)))
        .contains("chua phat duoc (vang nha), phat lai 31/12.");
    assertThat(text(progress(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, Reasons.UNREACHABLE, true, null)))
        .contains("(khong lien lac duoc), giu tai buu cuc.");
    assertThat(text(progress(Leg.DELIVERY, OrderStatus.AWAITING_PICKUP, null, false, null)))
        .contains("dang giu tai Buu cuc Khai thac Cap").contains(" den 31/12.");
  }

  @Test
  void noNameAddressPhoneOrIdEverReachesTheText() {
    Progress p = new Progress(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, LONGEST_CODE, "EB123456789VN",
        null, null, null, Reasons.of("Anh Nguyễn Văn An, 0912345678, 12 Tràng Tiền vắng nhà"), 1, false,
        LocalDate.of(2025, 12, 2), null, null);

    String text = text(p);

    assertThat(text).contains("vang nha").doesNotContain("Nguyen").doesNotContain("0912345678")
        .doesNotContain("912345678").doesNotContain("Trang Tien");
  }

  @Test
  void vietnameseLosesItsDiacriticsAndDBecomesD() {
    assertThat(SmsText.plain("Đã phát thành công tại Bưu cục Đống Đa, Hà Nội"))
        .isEqualTo("Da phat thanh cong tai Buu cuc Dong Da, Ha Noi");
    assertThat(SmsText.plain("Ễ ễ Ự ự Ỳ ỳ Ơ ơ Ư ư đ Đ")).isEqualTo("E e U u Y y O o U u d D");
    assertThat(SmsText.septets("a^b")).isEqualTo(4);
    assertThat(SmsText.septets("Đ")).isEqualTo(-1);
  }

  @Test
  void carrierReasonsBecomeFixedCategories() {
    assertThat(Reasons.of("Người nhận vắng nhà")).isEqualTo(Reasons.ABSENT);
    assertThat(Reasons.of("Không liên lạc được với người nhận")).isEqualTo(Reasons.UNREACHABLE);
    assertThat(Reasons.of("Sai địa chỉ")).isEqualTo(Reasons.ADDRESS);
    assertThat(Reasons.of("Khách từ chối nhận")).isEqualTo(Reasons.REFUSED);
    assertThat(Reasons.of("Hồ sơ còn thiếu bản sao")).isEqualTo(Reasons.INCOMPLETE);
    assertThat(Reasons.of(null)).isEqualTo(Reasons.OTHER);
  }

  @Test
  void aMissedCollectionIsToldOnTheWayInOnly() {
    assertThat(template(Leg.PICKUP, OrderStatus.COLLECTION_FAILED, null)).contains("pickup.collection_failed");
    assertThat(template(Leg.DELIVERY, OrderStatus.COLLECTION_FAILED, null)).isEmpty();
  }

  @Test
  void aLossIsToldOnEitherLegUnderItsOwnName() {
    assertThat(template(Leg.PICKUP, OrderStatus.LOST, null)).contains("pickup.lost");
    assertThat(template(Leg.DELIVERY, OrderStatus.LOST, null)).contains("delivery.lost");
  }

  private static Optional<String> template(Leg leg, OrderStatus status, LocalDate appointment) {
    return SmsTemplates.message(progress(leg, status, Reasons.ABSENT, false, appointment), LINK)
        .map(SmsTemplates.Sms::template);
  }

  private static String text(Progress p) {
    return SmsTemplates.message(p, LINK).orElseThrow().text();
  }
}
