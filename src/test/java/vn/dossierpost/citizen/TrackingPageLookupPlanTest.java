package vn.dossierpost.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.dossierpost.support.TestDatabase;

/**
 * The page's one read is composed of its owners' relations (link, order, access, tracking);
 * PostgreSQL must pull each up, so that it plans as the join of the tables themselves.
 */
class TrackingPageLookupPlanTest {

  @Test
  void everyRelationIsPulledUpIntoOneIndexedJoin() {
    String plan = TestDatabase.genericPlan(TrackingPage.LOOKUP);
    assertThat(plan).doesNotContain("Subquery Scan")
        .contains("tracking_tokens_pkey", "orders_pkey", "offices_pkey", "order_events_timeline",
            "revoked_at IS NULL")
        .doesNotContain("Seq Scan on orders", "Seq Scan on order_events");
  }
}
