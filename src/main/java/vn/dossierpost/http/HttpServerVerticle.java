package vn.dossierpost.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import vn.dossierpost.config.AppConfig;
import java.util.function.Function;

/**
 * One HTTP server instance; several are deployed and share the port. Stopping it stops
 * accepting connections and lets requests in progress finish (up to 20 s).
 */
public final class HttpServerVerticle extends VerticleBase {

  private final int port;
  private final AppConfig.HttpConfig.Edge edge;
  private final Tally connections;
  private final MeterRegistry registry;
  private final Function<io.vertx.core.Vertx, Router> routes;
  private HttpServer server;

  /** {@code connections}: open connections per address, shared by every instance. */
  public HttpServerVerticle(int port, AppConfig.HttpConfig.Edge edge, Tally connections,
      MeterRegistry registry, Function<io.vertx.core.Vertx, Router> routes) {
    this.registry = registry;
    this.port = port;
    this.edge = edge;
    this.connections = connections;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setCompressionSupported(true)
        .setMaxInitialLineLength(8192)
        .setMaxHeaderSize(16384)
        // HTTP/1.x only, so that ConnectionGuard sees every request head on its connection.
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout((int) edge.idleTimeout().toSeconds());
    Router router = routes.apply(vertx);
    ConnectionGuard guard = ConnectionGuard.create(vertx, connections,
        edge.maxConnectionsPerAddress(), edge.headerTimeout(), edge.bodyTimeout(), edge.idleTimeout(),
        registry);
    server = vertx.createHttpServer(options)
        .connectionHandler(guard::connected)
        .invalidRequestHandler(InvalidRequests::answer)
        .requestHandler(request -> {
          if (guard.arrived(request)) {
            router.handle(request);
          }
        });
    return server.listen(port);
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(20, TimeUnit.SECONDS);
  }
}
