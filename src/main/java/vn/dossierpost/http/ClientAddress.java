package vn.dossierpost.http;

import io.vertx.core.net.SocketAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client a connection or request is counted against: its IPv4 address, or the /64 of its
 * IPv6 address, since one IPv6 subscriber is usually handed a whole /64 and could otherwise
 * take a fresh address per connection.
 */
public final class ClientAddress {

  private ClientAddress() {
  }

  public static String of(SocketAddress address) {
    if (address == null || address.hostAddress() == null || address.hostAddress().isEmpty()) {
      return "local";
    }
    return normalise(address.hostAddress());
  }

  static String normalise(String host) {
    String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    if (!literal.contains(":")) {
      return literal;
    }
    try {
      // A literal with ':' is parsed without any name lookup.
      InetAddress parsed = InetAddress.getByName(literal);
      if (!(parsed instanceof Inet6Address)) {
        return parsed.getHostAddress(); // an IPv4-mapped address comes back as IPv4
      }
      byte[] b = parsed.getAddress();
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
      }
      return prefix.append(":/64").toString();
    } catch (UnknownHostException notAnAddress) {
      return literal;
    }
  }
}
