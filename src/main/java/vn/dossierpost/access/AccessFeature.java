package vn.dossierpost.access;

import vn.dossierpost.feature.Feature;

/** Offices, their policies and callbacks, API keys, webhook secrets: the admin API. */
public final class AccessFeature implements Feature {

  private final Offices offices;
  private final ApiKeys keys;
  private final boolean callbackAllowPrivate;

  /** {@code callbackAllowPrivate}: {@code DP_CALLBACK_ALLOW_PRIVATE} (see {@link AdminRoutes}). */
  public AccessFeature(Offices offices, ApiKeys keys, boolean callbackAllowPrivate) {
    this.offices = offices;
    this.keys = keys;
    this.callbackAllowPrivate = callbackAllowPrivate;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/admin*", AdminRoutes.router(m.vertx(), offices, keys, callbackAllowPrivate));
  }
}
