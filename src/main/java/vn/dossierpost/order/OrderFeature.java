package vn.dossierpost.order;

import vn.dossierpost.feature.Feature;

/** Booking legs one by one or from a CSV file, listing and reading them. */
public final class OrderFeature implements Feature {

  private final OrderService orders;

  public OrderFeature(OrderService orders) {
    this.orders = orders;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/orders*", OrderImport.router(m.vertx(), orders));
    m.at("/api/v1/orders*", OrderRoutes.router(m.vertx(), orders));
  }
}
