package vn.dossierpost.access;

import vn.dossierpost.feature.Feature;

/** Offices, their policies and callbacks, API keys, webhook secrets: the admin API. */
public final class AccessFeature implements Feature {

  private final Offices offices;
  private final ApiKeys keys;

  public AccessFeature(Offices offices, ApiKeys keys) {
    this.offices = offices;
    this.keys = keys;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/admin*", AdminRoutes.router(m.vertx(), offices, keys));
  }
}
