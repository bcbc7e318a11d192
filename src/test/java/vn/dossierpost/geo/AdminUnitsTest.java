package vn.dossierpost.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Fields;

class AdminUnitsTest {

  private final AdminUnits units = AdminUnits.get();

  @Test
  void everyRowOfTheShippedFileLoadsWithTheCountsItsReadmeGives() throws IOException {
    long rows;
    try (InputStream in = AdminUnits.class.getResourceAsStream(AdminUnits.RESOURCE)) {
      rows = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().count() - 1;
    }

    assertThat(rows).isEqualTo(3_321);
    assertThat(units.provinces()).hasSize(34);
    assertThat(units.communes()).hasSize(3_321);
    Map<String, Long> byType = units.communes().values().stream()
        .collect(Collectors.groupingBy(AdminUnits.Commune::type, Collectors.counting()));
    assertThat(byType).containsExactlyInAnyOrderEntriesOf(
        Map.of("xã", 2_611L, "phường", 697L, "đặc khu", 13L));
    assertThat(units.communes().values().stream().filter(c -> c.provinceCode().equals("01")))
        .hasSize(126);
    assertThat(units.communes().values().stream().filter(c -> c.provinceCode().equals("79")))
        .hasSize(168);
  }

  @Test
  void theResourceIsTheSharedDataFileByteForByte() throws IOException {
    Path shared = Path.of("../shared/data/vn-admin-units.csv");
    assumeThat(Files.exists(shared)).as("the shared data file is beside the repository").isTrue();
    try (InputStream in = AdminUnits.class.getResourceAsStream(AdminUnits.RESOURCE)) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(shared));
    }
  }

  @Test
  void provincesCarryTheNsoNameAndTheShortNameOfDomainMd() {
    assertThat(units.province("01").orElseThrow().name()).isEqualTo("Thành phố Hà Nội");
    assertThat(units.province("75").orElseThrow().name()).isEqualTo("Thành phố Đồng Nai");
    assertThat(units.province("56").orElseThrow().name()).isEqualTo("Tỉnh Khánh Hòa");
    assertThat(Provinces.all()).containsEntry("01", "Hà Nội").containsEntry("46", "Huế")
        .containsEntry("79", "Hồ Chí Minh").containsEntry("56", "Khánh Hòa").hasSize(34);
    assertThat(Provinces.isValid("02")).isFalse();
  }

  @Test
  void spotChecksOfTheReadme() {
    assertThat(units.commune("00004").orElseThrow())
        .isEqualTo(new AdminUnits.Commune("00004", "Phường Ba Đình", "phường", "01"));
    assertThat(units.commune("31078").orElseThrow().provinceCode()).isEqualTo("91");
    assertThat(units.commune("25270").orElseThrow().type()).isEqualTo("phường");
  }

  @Test
  void foldingIgnoresMarksTheirSeatCaseAndDd() {
    assertThat(Folding.fold("Phường  Ba Đình")).isEqualTo("phuong ba dinh");
    assertThat(Folding.fold("Xã Thuận Hoà")).isEqualTo(Folding.fold("XÃ THUẬN HÒA"));
  }

  @Test
  void searchFindsAPrefixWithOrWithoutTheTypeWhateverTheAccents() {
    for (String q : new String[] {"ba dinh", "Ba Đình", "phuong ba", "BA", "  ba   đ"}) {
      assertThat(units.search("01", q, 100)).as(q).extracting(AdminUnits.Commune::name)
          .contains("Phường Ba Đình");
    }
    assertThat(units.search("01", "dinh", 100)).extracting(AdminUnits.Commune::name)
        .doesNotContain("Phường Ba Đình");
    assertThat(units.search("79", "ba dinh", 100)).isEmpty();
    assertThat(units.search("99", "", 100)).isEmpty();
  }

  @Test
  void searchIsSortedAndBounded() {
    var all = units.search("79", "", 1_000);
    assertThat(all).hasSize(168);
    assertThat(all).extracting(c -> Folding.fold(c.name()).replaceFirst("^(xa|phuong|dac khu) ", ""))
        .isSorted();
    assertThat(units.search("79", "", 20)).hasSize(20).isEqualTo(all.subList(0, 20));
  }

  @Test
  void anAddressNeedsACommuneInForceInsideItsProvince() {
    assertThat(errors("00070", "01")).isEmpty();
    assertThat(errors("00070", "79")).extracting(e -> e.field() + " " + e.code())
        .containsExactly("citizen.address.communeCode commune_not_in_province");
    assertThat(errors("00070", "79").get(0).message()).contains("Phường Hoàn Kiếm", "Thành phố Hà Nội");
    assertThat(errors("00001", "01")).extracting(e -> e.field() + " " + e.code())
        .containsExactly("citizen.address.communeCode unknown_commune");
    assertThat(errors("00070", "02")).extracting(e -> e.field() + " " + e.code())
        .containsExactly("citizen.address.provinceCode unknown_province");
  }

  @Test
  void oneLineNamesTheCommuneUnlessTheStreetLineAlreadyDoes() {
    assertThat(new Address("12 Tràng Tiền", "00070", "01", null).oneLine())
        .isEqualTo("12 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội");
    assertThat(new Address("12 Tràng Tiền, phường Hoàn Kiếm", "00070", "01", null).oneLine())
        .isEqualTo("12 Tràng Tiền, phường Hoàn Kiếm, Hà Nội");
  }

  private static java.util.List<FieldError> errors(String commune, String province) {
    JsonObject json = new JsonObject().put("address", new JsonObject().put("line", "12 Tràng Tiền")
        .put("communeCode", commune).put("provinceCode", province));
    Fields root = Fields.of(new JsonObject().put("citizen", json), Set.of("citizen"));
    Address.read(root.object("citizen", true, Set.of("address"))
        .object("address", true, Address.FIELDS));
    return root.errors();
  }
}
