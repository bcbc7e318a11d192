package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTheStandardWebhooksTestVector() {
    assertThat(StandardWebhooks.sign(SECRET, ID, 1614265330, BODY))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void acceptsTheVectorWithinFiveMinutesAndAnyOfSeveralSignatures() {
    String header = "v1,bm90IGl0 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    assertThat(StandardWebhooks.verify(List.of("whsec_b3RoZXI=", SECRET), ID, "1614265330", header,
        BODY, 1614265330 + 299)).isEqualTo(StandardWebhooks.Verdict.VALID);
  }

  @Test
  void refusesAStaleTimestampATamperedBodyAndMissingHeaders() {
    String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    assertThat(StandardWebhooks.verify(List.of(SECRET), ID, "1614265330", signature, BODY, 1614265330 + 301))
        .isEqualTo(StandardWebhooks.Verdict.STALE_TIMESTAMP);
    assertThat(StandardWebhooks.verify(List.of(SECRET), ID, "1614265330", signature,
        "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), 1614265330))
        .isEqualTo(StandardWebhooks.Verdict.BAD_SIGNATURE);
    assertThat(StandardWebhooks.verify(List.of(SECRET), null, "1614265330", signature, BODY, 1614265330))
        .isEqualTo(StandardWebhooks.Verdict.MISSING_HEADERS);
    assertThat(StandardWebhooks.verify(List.of(SECRET), ID, "soon", signature, BODY, 1614265330))
        .isEqualTo(StandardWebhooks.Verdict.MISSING_HEADERS);
    assertThat(StandardWebhooks.verify(List.of(SECRET), ID, "1614265330", "v1,!!!", BODY, 1614265330))
        .isEqualTo(StandardWebhooks.Verdict.BAD_SIGNATURE);
  }
}
