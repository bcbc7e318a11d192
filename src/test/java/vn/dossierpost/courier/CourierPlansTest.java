package vn.dossierpost.courier;

import org.junit.jupiter.api.Test;
import vn.dossierpost.support.TestDatabase;

/**
 * A courier's scope is checked through the relations the order and office owners publish
 * (README, "How it is built"); PostgreSQL must pull each up, so that the check plans as the
 * join of the tables themselves.
 */
class CourierPlansTest {

  @Test
  void theScopeCheckPullsUpEveryRelation() {
    TestDatabase.assertPulledUp("ITEM_IN_SCOPE", CourierSql.ITEM_IN_SCOPE);
  }

  @Test
  void theHandoverReadsPullUpEveryRelation() {
    TestDatabase.assertPulledUp("SERVES", HandoverSql.SERVES);
    TestDatabase.assertPulledUp("ITEMS_IN_SCOPE", HandoverSql.ITEMS_IN_SCOPE);
    TestDatabase.assertPulledUp("HELD_OF_OFFICE", HandoverSql.HELD_OF_OFFICE);
    TestDatabase.assertPulledUp("ITEMS", HandoverSql.ITEMS);
  }
}
