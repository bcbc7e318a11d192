package vn.dossierpost.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the package graph (README, "How it is built"): the foundation — {@code config},
 * {@code db}, {@code http}, {@code geo}, the S10 leaf and the working-day {@code calendar} — sits below every feature, and no
 * package depends on itself through others.
 */
class PackageCyclesTest {

  static final String[] FOUNDATION = {"vn.dossierpost.config..", "vn.dossierpost.db..",
      "vn.dossierpost.http..", "vn.dossierpost.geo..", "vn.dossierpost.s10..",
      "vn.dossierpost.calendar.."};
  static final String[] FEATURES = {"vn.dossierpost", "vn.dossierpost.access..",
      "vn.dossierpost.audit..",
      "vn.dossierpost.callback..", "vn.dossierpost.carrier..", "vn.dossierpost.citizen..",
      "vn.dossierpost.courier..", "vn.dossierpost.dossier..", "vn.dossierpost.report..", "vn.dossierpost.money..",
      "vn.dossierpost.label..", "vn.dossierpost.link..", "vn.dossierpost.notify..", "vn.dossierpost.order..",
      "vn.dossierpost.outbox..", "vn.dossierpost.procedure..", "vn.dossierpost.tracking.."};

  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("vn.dossierpost");

  @Test
  void theFoundationDependsOnNoFeature() {
    noClasses().that().resideInAnyPackage(FOUNDATION)
        .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
        .check(PRODUCTION);
  }

  /**
   * audit ← order ← tracking ← {inbox, courier, report, carrier} ← {callback, notify, citizen}.
   * Every feature writes the audit trail, so it depends on no feature (it sits on the foundation).
   */
  @Test
  void theLayersPointDown() {
    noClasses().that().resideInAPackage("vn.dossierpost.audit..")
        .should().dependOnClassesThat().resideInAnyPackage(java.util.Arrays.stream(FEATURES)
            .filter(f -> !f.equals("vn.dossierpost.audit..")).toArray(String[]::new))
        .check(PRODUCTION);
    noClasses().that().resideInAPackage("vn.dossierpost.order..")
        .should().dependOnClassesThat().resideInAnyPackage("vn.dossierpost.tracking..",
            "vn.dossierpost.courier..", "vn.dossierpost.report..", "vn.dossierpost.carrier..",
            "vn.dossierpost.callback..", "vn.dossierpost.notify..", "vn.dossierpost.citizen..")
        .check(PRODUCTION);
    noClasses().that().resideInAPackage("vn.dossierpost.tracking")
        .should().dependOnClassesThat().resideInAnyPackage("vn.dossierpost.tracking.inbox..",
            "vn.dossierpost.courier..", "vn.dossierpost.report..", "vn.dossierpost.carrier..",
            "vn.dossierpost.callback..", "vn.dossierpost.notify..", "vn.dossierpost.citizen..")
        .check(PRODUCTION);
    // the catalogue sits beside order, below both: orders and dossiers may ask it (D17)
    noClasses().that().resideInAPackage("vn.dossierpost.procedure..")
        .should().dependOnClassesThat().resideInAnyPackage("vn.dossierpost.order..",
            "vn.dossierpost.tracking..", "vn.dossierpost.courier..", "vn.dossierpost.report..",
            "vn.dossierpost.carrier..", "vn.dossierpost.callback..", "vn.dossierpost.notify..",
            "vn.dossierpost.citizen..")
        .check(PRODUCTION);
    noClasses().that().resideInAnyPackage("vn.dossierpost.tracking.inbox..",
            "vn.dossierpost.courier..", "vn.dossierpost.report..", "vn.dossierpost.carrier..")
        .should().dependOnClassesThat().resideInAnyPackage("vn.dossierpost.callback..",
            "vn.dossierpost.notify..", "vn.dossierpost.citizen..")
        .check(PRODUCTION);
  }

  /** Dossiers sit on top of legs: only the wiring knows them; legs never know their dossier. */
  @Test
  void onlyTheWiringKnowsDossiers() {
    noClasses().that().resideOutsideOfPackages("vn.dossierpost", "vn.dossierpost.dossier..")
        .should().dependOnClassesThat().resideInAPackage("vn.dossierpost.dossier..")
        .check(PRODUCTION);
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("vn.dossierpost.(**)").should().beFreeOfCycles().check(PRODUCTION);
  }
}
