package vn.dossierpost.label;

import vn.dossierpost.feature.Feature;

/** Labels (one order's or many), manifests and their PDFs. */
public final class LabelFeature implements Feature {

  private final LabelService labels;
  private final ManifestService manifests;

  public LabelFeature(LabelService labels, ManifestService manifests) {
    this.labels = labels;
    this.manifests = manifests;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/orders*", LabelRoutes.orderLabel(m.vertx(), labels, manifests));
    m.at("/api/v1/labels*", LabelRoutes.labels(m.vertx(), labels, manifests));
    m.at("/api/v1/manifests*", LabelRoutes.manifests(m.vertx(), labels, manifests));
  }
}
