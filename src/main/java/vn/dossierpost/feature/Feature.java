package vn.dossierpost.feature;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;
import vn.dossierpost.outbox.JobHandler;

/**
 * What one feature adds to the running service: its routes, the outbox jobs it handles and its
 * background verticles. Built once, with everything it needs, before anything starts.
 */
public interface Feature {

  /** Mounts the feature's sub-routers; called once per HTTP server instance. */
  default void mount(Mount mount) {
  }

  /** The outbox job handlers, by job kind. */
  default Map<String, JobHandler> jobs() {
    return Map.of();
  }

  /** Verticles to deploy once each, in this order. */
  default List<Deployable> background() {
    return List.of();
  }

  /** A feature that only mounts one router at {@code prefix}. */
  static Feature routes(String prefix, java.util.function.Function<Vertx, Router> router) {
    return new Feature() {
      @Override
      public void mount(Mount mount) {
        mount.at(prefix, router.apply(mount.vertx()));
      }
    };
  }

  /** Where a feature mounts its routes: below the guards the service's route table put there. */
  record Mount(Vertx vertx, Router router) {

    public void at(String prefix, Router sub) {
      router.route(prefix).subRouter(sub);
    }
  }
}
