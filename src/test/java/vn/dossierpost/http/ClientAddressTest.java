package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void anIpv4ClientIsItsAddress() {
    assertThat(ClientAddress.of(SocketAddress.inetSocketAddress(1234, "203.0.113.7")))
        .isEqualTo("203.0.113.7");
  }

  @Test
  void ipv6ClientsOfOneSlash64AreOneClient() {
    assertThat(ClientAddress.normalise("2001:db8:1:2:aaaa::1"))
        .isEqualTo(ClientAddress.normalise("2001:0db8:0001:0002:ffff:1:2:3"))
        .isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientAddress.normalise("2001:db8:1:3::1")).isNotEqualTo("2001:db8:1:2::/64");
  }

  @Test
  void anIpv4MappedAddressCountsAsItsIpv4AndAZoneIsIgnored() {
    assertThat(ClientAddress.normalise("::ffff:198.51.100.4")).isEqualTo("198.51.100.4");
    assertThat(ClientAddress.normalise("[fe80::1%eth0]")).isEqualTo("fe80:0:0:0::/64");
  }

  @Test
  void aConnectionWithoutAnAddressIsLocal() {
    assertThat(ClientAddress.of(null)).isEqualTo("local");
  }
}
