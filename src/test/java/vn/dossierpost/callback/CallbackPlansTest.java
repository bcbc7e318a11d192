package vn.dossierpost.callback;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.TestDatabase;

/**
 * These statements join other owners' tables through the relations the owners publish
 * (README, "How it is built"); PostgreSQL must pull each up, so that they plan as the joins of
 * the tables themselves.
 */
class CallbackPlansTest {

  @Test
  void everyRelationIsPulledUp() {
    Map<String, String> statements = Map.of("TARGET", CallbackSql.TARGET, "LOG", CallbackSql.LOG, "JOB", CallbackSql.JOB);
    statements.forEach(TestDatabase::assertPulledUp);
  }
}
