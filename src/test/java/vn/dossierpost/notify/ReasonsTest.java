package vn.dossierpost.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Carrier texts read into fixed categories. Reasons keeps what it has read, so each text here is
 * made new for every run: a category must come from reading it, not from an earlier answer.
 */
class ReasonsTest {

  private static final AtomicInteger RUN = new AtomicInteger();
  private final String fresh = " (" + System.nanoTime() + "-" + RUN.incrementAndGet() + ")";

  @Test
  void anAbsentRecipientIsAbsent() {
    assertThat(Reasons.of("Người nhận vắng nhà" + fresh)).isEqualTo(Reasons.ABSENT);
  }

  @Test
  void aPhoneThatIsNotAnsweredIsUnreachable() {
    assertThat(Reasons.of("Không liên lạc được" + fresh)).isEqualTo(Reasons.UNREACHABLE);
    assertThat(Reasons.of("Gọi điện thoại không nghe máy" + fresh)).isEqualTo(Reasons.UNREACHABLE);
    assertThat(Reasons.of("Thuê bao tạm khóa" + fresh)).isEqualTo(Reasons.UNREACHABLE);
  }

  @Test
  void aWrongAddressIsAnAddressProblem() {
    assertThat(Reasons.of("Sai địa chỉ" + fresh)).isEqualTo(Reasons.ADDRESS);
  }

  @Test
  void aRecipientWhoWillNotTakeItHasRefused() {
    assertThat(Reasons.of("Khách từ chối nhận" + fresh)).isEqualTo(Reasons.REFUSED);
    assertThat(Reasons.of("Khách không nhận" + fresh)).isEqualTo(Reasons.REFUSED);
  }

  @Test
  void aDossierMissingPapersIsIncomplete() {
    assertThat(Reasons.of("Hồ sơ còn thiếu bản sao" + fresh)).isEqualTo(Reasons.INCOMPLETE);
    assertThat(Reasons.of("Hồ sơ chưa đủ" + fresh)).isEqualTo(Reasons.INCOMPLETE);
    assertThat(Reasons.of("Giấy tờ không đủ" + fresh)).isEqualTo(Reasons.INCOMPLETE);
  }

  @Test
  void anythingElseIsAnotherReason() {
    assertThat(Reasons.of("Bưu tá nghỉ ốm" + fresh)).isEqualTo(Reasons.OTHER);
    assertThat(Reasons.of(null)).isEqualTo(Reasons.OTHER);
  }

  @Test
  void aTextReadBeforeGetsTheSameCategoryAgain() {
    String text = "Người nhận vắng nhà" + fresh;

    Reasons first = Reasons.of(text);

    assertThat(Reasons.of(text)).isEqualTo(first).isEqualTo(Reasons.ABSENT);
  }

  @Test
  void theSmsPhraseHasNoDiacriticsAndThePagePhraseHasThem() {
    assertThat(Reasons.ABSENT.sms()).isEqualTo("vang nha");
    assertThat(Reasons.ABSENT.page()).isEqualTo("Người nhận vắng nhà");
  }
}
