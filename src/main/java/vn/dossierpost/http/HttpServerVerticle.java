package vn.dossierpost.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One HTTP server instance; several are deployed and share the port. Stopping it stops
 * accepting connections and lets requests in progress finish (up to 20 s).
 */
public final class HttpServerVerticle extends VerticleBase {

  private final int port;
  private final Function<io.vertx.core.Vertx, Router> routes;
  private HttpServer server;

  public HttpServerVerticle(int port, Function<io.vertx.core.Vertx, Router> routes) {
    this.port = port;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setCompressionSupported(true)
        .setMaxInitialLineLength(8192)
        .setMaxHeaderSize(16384)
        .setIdleTimeout(120);
    server = vertx.createHttpServer(options).requestHandler(routes.apply(vertx));
    return server.listen(port);
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(20, TimeUnit.SECONDS);
  }
}
