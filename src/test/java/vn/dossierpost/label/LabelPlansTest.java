package vn.dossierpost.label;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.TestDatabase;

/**
 * These statements join other owners' tables through the relations the owners publish
 * (README, "How it is built"); PostgreSQL must pull each up, so that they plan as the joins of
 * the tables themselves.
 */
class LabelPlansTest {

  @Test
  void everyRelationIsPulledUp() {
    Map<String, String> statements = Map.of("FIND_MANY", LabelService.FIND_MANY, "ITEMS", ManifestService.ITEMS,
        "HANDOVER", ManifestService.HANDOVER);
    statements.forEach(TestDatabase::assertPulledUp);
  }
}
