package vn.dossierpost.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.dossierpost.support.LogCapture;

class BackoffTest {

  private static final ConnectException REFUSED = new ConnectException("Connection refused");

  private static Backoff fixed(double random) {
    return new Backoff(LoggerFactory.getLogger(BackoffTest.class), "test", Duration.ofMillis(250),
        Duration.ofSeconds(5), 0.2, () -> random);
  }

  @Test
  void withoutJitterTheWaitStartsAt250MsAndDoublesUpToFiveSeconds() {
    Backoff backoff = fixed(0.5);
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waits.add(backoff.failed(REFUSED).toMillis());
    }
    assertThat(waits).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L);
  }

  @Test
  void theJitterStaysWithinTwentyPercentEitherSide() {
    assertThat(fixed(0.0).failed(REFUSED)).isEqualTo(Duration.ofMillis(200));
    assertThat(fixed(0.999_999).failed(REFUSED).toMillis()).isEqualTo(300L);
    Backoff atCeiling = fixed(0.0);
    for (int i = 0; i < 40; i++) {
      atCeiling.failed(REFUSED);
    }
    assertThat(atCeiling.failed(REFUSED)).isEqualTo(Duration.ofMillis(4000));
  }

  @Test
  void realRandomWaitsAreSpreadAndBoundedAtEveryStep() {
    Random random = new Random(45);
    for (int run = 0; run < 200; run++) {
      Backoff backoff = new Backoff(org.slf4j.helpers.NOPLogger.NOP_LOGGER, "test",
          Duration.ofMillis(250), Duration.ofSeconds(5), 0.2, random::nextDouble);
      for (int step = 0; step < 50; step++) {
        long base = Math.min(5000, 250L << Math.min(step, 20));
        assertThat(backoff.failed(REFUSED).toMillis()).as("step %d", step)
            .isBetween(Math.round(base * 0.8), Math.round(base * 1.2));
      }
    }
  }

  @Test
  void aSuccessStartsAgainFromTheFirstWait() {
    Backoff backoff = fixed(0.5);
    backoff.failed(REFUSED);
    backoff.failed(REFUSED);
    backoff.failed(REFUSED);
    backoff.succeeded();

    assertThat(backoff.failures()).isZero();
    assertThat(backoff.failed(REFUSED)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void itLogsWhenTheLoopStartsFailingAndWhenItRecoversNotAtEveryFailure() {
    try (LogCapture log = LogCapture.of(BackoffTest.class)) {
      Backoff backoff = fixed(0.5);
      for (int i = 0; i < 100; i++) {
        backoff.failed(REFUSED);
      }
      backoff.succeeded();
      backoff.succeeded();

      assertThat(log.messages()).hasSize(2);
      assertThat(log.messages().get(0)).contains("event=loop_failing loop=test outage=true");
      assertThat(log.messages().get(1)).contains("event=loop_recovered loop=test failures=100");
    }
  }
}
