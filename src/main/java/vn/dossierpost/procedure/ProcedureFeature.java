package vn.dossierpost.procedure;

import vn.dossierpost.feature.Feature;

/**
 * The procedure catalogue of each office: the admin API and CSV import below
 * {@code /api/v1/admin/offices/{office}/procedures}, and the desk's read-only view at
 * {@code /api/v1/procedures}. Mounted before the access feature, whose {@code /api/v1/admin*}
 * router answers what this one does not match.
 */
public final class ProcedureFeature implements Feature {

  private final Procedures procedures;

  public ProcedureFeature(Procedures procedures) {
    this.procedures = procedures;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/admin/offices*", ProcedureRoutes.admin(m.vertx(), procedures));
    m.at("/api/v1/procedures*", ProcedureRoutes.desk(m.vertx(), procedures));
  }
}
