package vn.dossierpost.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.dossierpost.support.TestDatabase;

/**
 * A leg's status change finds its dossier in the reconciler's transaction, on the ingest path:
 * by the legs' indexes, never by reading every dossier.
 */
class DossierPlansTest {

  @Test
  void aLegsDossierIsFoundByTheLegIndexes() {
    String plan = TestDatabase.genericPlan(DossierSql.LOCK_BY_LEGS);

    assertThat(plan).contains("dossiers_pickup").contains("dossiers_delivery")
        .doesNotContain("Seq Scan");
  }
}
