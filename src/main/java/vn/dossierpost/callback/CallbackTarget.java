package vn.dossierpost.callback;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import vn.dossierpost.http.OutboundTargets;

/**
 * The request for one callback, to an address checked just before: the URL's host is resolved
 * on each send, refused if any of its addresses is not public ({@link OutboundTargets}), and the
 * connection goes to the address that was checked, so a DNS answer that changes between the
 * check and the connect (rebinding) reaches nothing new. The Host header, TLS SNI and the
 * certificate check keep the name. Redirects are not followed.
 */
final class CallbackTarget {

  /** A URL the service will not call: a permanent failure of the job, not a retry. */
  static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private final WebClient client;
  private final OutboundTargets.Resolver resolver;
  private final boolean allowPrivate;

  CallbackTarget(WebClient client, OutboundTargets.Resolver resolver, boolean allowPrivate) {
    this.client = client;
    this.resolver = resolver;
    this.allowPrivate = allowPrivate;
  }

  /**
   * A POST to {@code url}, pinned to a checked address; fails with {@link Refused} when the URL or
   * any address of its host may not be called.
   */
  Future<HttpRequest<Buffer>> post(String url) {
    Optional<String> problem = OutboundTargets.urlProblem(url, allowPrivate);
    if (problem.isPresent()) {
      return Future.failedFuture(new Refused("callback URL refused: " + problem.get()));
    }
    URI uri = URI.create(url);
    String host = OutboundTargets.host(uri);
    boolean tls = uri.getScheme().equalsIgnoreCase("https");
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    Future<List<InetAddress>> addresses = OutboundTargets.literal(host)
        .map(a -> Future.succeededFuture(List.of(a))).orElseGet(() -> resolver.resolve(host));
    return addresses.compose(all -> {
      if (all.isEmpty()) {
        return Future.failedFuture(new java.net.UnknownHostException(host + " has no address"));
      }
      Optional<String> forbidden = allowPrivate ? Optional.empty() : OutboundTargets.anyForbidden(all);
      if (forbidden.isPresent()) {
        return Future.failedFuture(new Refused("callback URL refused: " + host + " resolves to "
            + forbidden.get()));
      }
      InetAddress pinned = all.get(0);
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
      return Future.succeededFuture(client.request(HttpMethod.POST,
              SocketAddress.inetSocketAddress(port, pinned.getHostAddress()), port, host, target)
          .ssl(tls).followRedirects(false));
    });
  }
}
