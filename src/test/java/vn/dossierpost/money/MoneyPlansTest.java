package vn.dossierpost.money;

import org.junit.jupiter.api.Test;
import vn.dossierpost.support.TestDatabase;

/** The carrier's COD records are read through the relations their owners publish, pulled up. */
class MoneyPlansTest {

  @Test
  void everyRelationIsPulledUp() {
    TestDatabase.assertPulledUp("CARRIER_PAID", MoneySql.CARRIER_PAID);
    TestDatabase.assertPulledUp("CARRIER_COLLECTED", MoneySql.CARRIER_COLLECTED);
  }
}
