package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which addresses and URLs a callback may go to: https to public unicast addresses only. */
class OutboundTargetsTest {

  private static InetAddress ip(String literal) {
    return OutboundTargets.literal(literal).orElseThrow();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "0.0.0.0, unspecified", "0.1.2.3, unspecified", "127.0.0.1, loopback", "127.255.0.9, loopback",
      "10.0.0.1, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
      "100.64.0.1, CGNAT", "100.127.255.254, CGNAT", "169.254.169.254, link-local",
      "192.0.0.8, protocol", "198.18.0.1, benchmarking", "224.0.0.1, multicast",
      "239.255.255.250, multicast", "240.0.0.1, reserved", "255.255.255.255, broadcast",
      "::, unspecified", "::1, loopback", "fc00::1, unique local", "fd12:3456::1, unique local",
      "fe80::1, link-local", "febf::1, link-local", "fec0::1, site-local", "ff02::1, multicast",
      "::ffff:127.0.0.1, loopback", "::ffff:10.0.0.1, private", "::ffff:169.254.169.254, link-local",
      "::127.0.0.1, loopback", "64:ff9b::a00:1, IPv6 form of a private", "2002:7f00:1::, 6to4 form of a loopback",
      "100::1, discard"})
  void everyNonPublicAddressKindIsRefusedAndNamed(String address, String kind) {
    assertThat(OutboundTargets.forbidden(ip(address))).hasValueSatisfying(k -> assertThat(k).contains(kind));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "14.225.0.1", "100.63.255.255", "100.128.0.1",
      "172.15.255.255", "172.32.0.1", "169.253.0.1", "223.255.255.255", "2001:4860:4860::8888",
      "2402:800::1", "::ffff:8.8.8.8", "2002:808:808::"})
  void publicUnicastAddressesPass(String address) {
    assertThat(OutboundTargets.forbidden(ip(address))).isEmpty();
  }

  @Test
  void aNameIsNotALiteralSoItMustBeResolvedAndCheckedByTheCaller() {
    assertThat(OutboundTargets.literal("localhost")).isEmpty();
    assertThat(OutboundTargets.literal("motcua.example.vn")).isEmpty();
    assertThat(OutboundTargets.literal("[::1]")).isPresent();
  }

  @Test
  void anyForbiddenAddressAmongSeveralRefusesTheName() {
    assertThat(OutboundTargets.anyForbidden(List.of(ip("8.8.8.8"), ip("127.0.0.1"))))
        .hasValueSatisfying(k -> assertThat(k).contains("loopback").contains("127.0.0.1"));
    assertThat(OutboundTargets.anyForbidden(List.of(ip("8.8.8.8"), ip("2001:4860:4860::8888")))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://motcua.example.vn/hooks", "ftp://motcua.example.vn/",
      "https://user:pw@motcua.example.vn/", "https://127.0.0.1/hooks", "https://[::1]:8443/hooks",
      "https://[::ffff:7f00:1]/", "https://10.1.2.3/", "https://169.254.169.254/latest/meta-data",
      "https:///nohost", "https://motcua.example.vn/hooks#frag"})
  void withTheGuardOnTheseUrlsAreRefused(String url) {
    assertThat(OutboundTargets.urlProblem(url, false)).isPresent();
  }

  @Test
  void httpsToAPublicNameOrAddressIsAccepted() {
    assertThat(OutboundTargets.urlProblem("https://motcua.example.vn/hooks/post?x=1", false)).isEmpty();
    assertThat(OutboundTargets.urlProblem("https://14.225.0.1:8443/hooks", false)).isEmpty();
    assertThat(OutboundTargets.urlProblem("https://[2402:800::1]/hooks", false)).isEmpty();
  }

  @Test
  void theSettingAllowsHttpAndLoopbackButNotOtherSchemes() {
    assertThat(OutboundTargets.urlProblem("http://127.0.0.1:8080/hooks", true)).isEmpty();
    assertThat(OutboundTargets.urlProblem("https://[::1]/hooks", true)).isEmpty();
    assertThat(OutboundTargets.urlProblem("ftp://127.0.0.1/", true)).isPresent();
    assertThat(OutboundTargets.urlProblem("http://127.0.0.1:8080/hooks", false)).isPresent();
  }
}
