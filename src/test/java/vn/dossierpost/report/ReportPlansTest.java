package vn.dossierpost.report;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.TestDatabase;

/**
 * These statements join other owners' tables through the relations the owners publish
 * (README, "How it is built"); PostgreSQL must pull each up, so that they plan as the joins of
 * the tables themselves.
 */
class ReportPlansTest {

  @Test
  void everyRelationIsPulledUp() {
    Map<String, String> statements = Map.of("EVENTS", ReportSql.EVENTS, "OPEN", ReportSql.OPEN);
    statements.forEach(TestDatabase::assertPulledUp);
  }
}
