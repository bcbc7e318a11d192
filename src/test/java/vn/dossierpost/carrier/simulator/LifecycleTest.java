package vn.dossierpost.carrier.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void eachScenarioFollowsTheVnpostStatusSequence() {
    assertThat(codes(Scenario.CLEAN)).containsExactly(1, 2, 4, 6, 7, 10, 11, 12, 14);
    assertThat(codes(Scenario.ONE_FAILED_ATTEMPT)).containsExactly(1, 2, 4, 6, 7, 10, 11, 12, 15, 12, 14);
    assertThat(codes(Scenario.TWO_FAILED_THEN_RETURNED))
        .containsExactly(1, 2, 4, 6, 7, 10, 11, 12, 15, 12, 15, 16, 17, 18, 19);
    assertThat(codes(Scenario.PICKUP_FAILED_THEN_COLLECTED))
        .containsExactly(1, 2, 4, 5, 4, 6, 7, 10, 11, 12, 14);
    assertThat(codes(Scenario.LOST)).containsExactly(1, 2, 4, 6, 7, 10, 901);
  }

  @Test
  void stepsAreInTimeOrderAndFailuresCarryAReason() {
    for (Scenario scenario : Scenario.values()) {
      List<Lifecycle.Step> steps = Lifecycle.plan(scenario);
      for (int i = 1; i < steps.size(); i++) {
        assertThat(steps.get(i).at()).as(scenario + " step " + i).isGreaterThan(steps.get(i - 1).at());
      }
      steps.stream().filter(s -> s.statusCode() == 5 || s.statusCode() == 15 || s.statusCode() == 901)
          .forEach(s -> assertThat(s.reason()).isNotBlank());
    }
  }

  @Test
  void aReturnWaitsTheHoldingPeriodAtThePostOffice() {
    List<Lifecycle.Step> steps = Lifecycle.plan(Scenario.TWO_FAILED_THEN_RETURNED);
    Duration held = steps.stream().filter(s -> s.statusCode() == 16).findFirst().orElseThrow().at();
    Duration approved = steps.stream().filter(s -> s.statusCode() == 17).findFirst().orElseThrow().at();

    assertThat(approved.minus(held)).isEqualTo(Duration.ofDays(5));
  }

  @Test
  void theScenarioIsChosenDeterministicallyWithMostItemsArrivingCleanly() {
    Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
    for (int i = 0; i < 10_000; i++) {
      String orderNumber = "000.00.12.H56-251124-" + i + "-P";
      Scenario chosen = Scenario.choose(7, orderNumber, true);
      assertThat(Scenario.choose(7, orderNumber, true)).isEqualTo(chosen);
      counts.merge(chosen, 1, Integer::sum);
    }
    assertThat(counts.get(Scenario.CLEAN)).isBetween(5500, 6500);
    assertThat(counts.keySet()).containsExactlyInAnyOrder(Scenario.values());
    for (int i = 0; i < 1000; i++) {
      assertThat(Scenario.choose(7, "x-" + i + "-D", false)).isNotEqualTo(Scenario.PICKUP_FAILED_THEN_COLLECTED);
    }
  }

  private static List<Integer> codes(Scenario scenario) {
    return Lifecycle.plan(scenario).stream().map(Lifecycle.Step::statusCode).toList();
  }
}
