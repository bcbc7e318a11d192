package vn.dossierpost.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the service may send a request an admin pointed it at (an office's callback URL): an
 * {@code https} URL whose host is a public unicast address. Loopback, private, shared (CGNAT),
 * link-local, multicast, unspecified and reserved addresses, and IPv6 forms that embed one of
 * them, would let whoever holds an admin key make the service call inside its own network.
 * The rules are pure; {@link #system} resolves names for callers, who check every address.
 */
public final class OutboundTargets {

  /** A name's addresses, as the system resolver (hosts file, then DNS) gives them. */
  public interface Resolver {
    Future<List<InetAddress>> resolve(String host);
  }

  private OutboundTargets() {
  }

  /**
   * The system resolver on a small worker pool of its own (a lookup blocks), bounded by
   * {@code bound}: a lookup that takes longer fails.
   */
  public static Resolver system(Vertx vertx, Duration bound) {
    WorkerExecutor dns = vertx.createSharedWorkerExecutor("dp-outbound-dns", 2,
        bound.toMillis() * 4, TimeUnit.MILLISECONDS);
    return host -> dns.<List<InetAddress>>executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false)
        .timeout(bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The first non-public address among {@code all}, described, or empty when all are public. */
  public static Optional<String> anyForbidden(List<InetAddress> all) {
    for (InetAddress a : all) {
      Optional<String> kind = forbidden(a);
      if (kind.isPresent()) {
        return Optional.of(kind.get() + ", " + a.getHostAddress());
      }
    }
    return Optional.empty();
  }

  /** The URL's host without IPv6 brackets, or null when it has none. */
  public static String host(URI uri) {
    String host = uri.getHost();
    return host != null && host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** Why the URL may not be used, or empty: scheme, shape and (for an IP literal) address. */
  public static Optional<String> urlProblem(String url, boolean allowPrivate) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
      return Optional.of(allowPrivate ? "the scheme must be https or http" : "the scheme must be https");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      return Optional.of("the URL needs a host, and no user name or fragment");
    }
    Optional<InetAddress> literal = literal(uri.getHost());
    return literal.isPresent() && !allowPrivate ? forbidden(literal.get()) : Optional.empty();
  }

  /** The address of an IP literal host ({@code 10.0.0.1}, {@code [::1]}); empty for a name. */
  public static Optional<InetAddress> literal(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    byte[] bytes = io.netty.util.NetUtil.createByteArrayFromIpAddressString(bare);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Which kind of non-public address this is, or empty for a public unicast address. */
  public static Optional<String> forbidden(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return forbidden4(b);
    }
    if (address instanceof Inet6Address) {
      return forbidden6(b);
    }
    return Optional.of("an unknown address family");
  }

  private static Optional<String> forbidden4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 0) {
      return Optional.of("an unspecified address (0.0.0.0/8)");
    }
    if (a0 == 127) {
      return Optional.of("a loopback address (127.0.0.0/8)");
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return Optional.of("a private address (RFC 1918)");
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return Optional.of("a shared (CGNAT) address (100.64.0.0/10)");
    }
    if (a0 == 169 && a1 == 254) {
      return Optional.of("a link-local address (169.254.0.0/16)");
    }
    if (a0 == 192 && a1 == 0 && a2 == 0) {
      return Optional.of("a protocol assignment address (192.0.0.0/24)");
    }
    if (a0 == 198 && (a1 & 0xfe) == 18) {
      return Optional.of("a benchmarking address (198.18.0.0/15)");
    }
    if (a0 >= 224 && a0 <= 239) {
      return Optional.of("a multicast address (224.0.0.0/4)");
    }
    if (a0 >= 240) {
      return Optional.of("a reserved or broadcast address (240.0.0.0/4)");
    }
    return Optional.empty();
  }

  private static Optional<String> forbidden6(byte[] b) {
    if (zeros(b, 0, 15)) {
      return Optional.of(b[15] == 0 ? "an unspecified address (::)" : b[15] == 1
          ? "a loopback address (::1)" : "an IPv4-compatible address (::/96)");
    }
    // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) and 64:ff9b::a.b.c.d (NAT64) reach an
    // IPv4 address: judge that one.
    boolean mapped = zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12);
    if (mapped || nat64 || zeros(b, 0, 12)) {
      return forbidden4(new byte[] {b[12], b[13], b[14], b[15]})
          .map(kind -> "an IPv6 form of " + kind);
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return forbidden4(new byte[] {b[2], b[3], b[4], b[5]}).map(kind -> "a 6to4 form of " + kind);
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return Optional.of("a unique local address (fc00::/7)");
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return Optional.of("a link-local address (fe80::/10)");
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return Optional.of("a site-local address (fec0::/10)");
    }
    if ((b[0] & 0xff) == 0xff) {
      return Optional.of("a multicast address (ff00::/8)");
    }
    if ((b[0] & 0xff) == 0x01 && b[1] == 0 && zeros(b, 2, 8)) {
      return Optional.of("a discard-only address (100::/64)");
    }
    return Optional.empty();
  }

  private static boolean zeros(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
