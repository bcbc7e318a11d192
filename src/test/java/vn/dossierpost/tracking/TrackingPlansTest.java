package vn.dossierpost.tracking;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.TestDatabase;

/**
 * These statements join other owners' tables through the relations the owners publish
 * (README, "How it is built"); PostgreSQL must pull each up, so that they plan as the joins of
 * the tables themselves.
 */
class TrackingPlansTest {

  @Test
  void everyRelationIsPulledUp() {
    Map<String, String> statements = Map.of("ADOPT_ALL_PARKED", EventSql.ADOPT_ALL_PARKED);
    statements.forEach(TestDatabase::assertPulledUp);
  }
}
