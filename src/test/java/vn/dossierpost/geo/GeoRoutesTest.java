package vn.dossierpost.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** The pickers' routes: provinces, the commune search, limits, 404 and who may call them. */
class GeoRoutesTest {

  private final TestApp app = TestApp.shared();
  private final Http http = app.http();
  private final Desk desk = new Desk(app, app.newOffice());

  @Test
  void theProvincesAreListedWithTheirNsoAndShortNamesAndMayBeCachedPrivately() {
    Http.Response response = http.get("/api/v1/geo/provinces", desk.key());

    assertThat(response.status()).isEqualTo(200);
    JsonArray items = response.json().getJsonArray("items");
    assertThat(items).hasSize(34);
    assertThat(items.getJsonObject(0)).isEqualTo(new JsonObject().put("code", "01")
        .put("name", "Thành phố Hà Nội").put("shortName", "Hà Nội"));
    assertThat(response.header("Cache-Control")).isEqualTo("private, max-age=86400");
    assertThat(http.get("/api/v1/geo/provinces", app.adminKey()).status()).isEqualTo(200);
  }

  @Test
  void theSearchIgnoresAccentsCaseAndTheTypePrefix() {
    for (String q : List.of("ba dinh", "Ba Đình", "phuong ba", "PHƯỜNG BA ĐÌNH", "ba đ")) {
      assertThat(names("01", q, null)).as(q).contains("Phường Ba Đình");
    }
    assertThat(names("01", "ba dinh", null)).containsExactly("Phường Ba Đình");
    assertThat(names("01", "dinh", null)).doesNotContain("Phường Ba Đình");
    assertThat(names("79", "ba dinh", null)).isEmpty();
    assertThat(names("91", "tho chau", null)).containsExactly("Đặc khu Thổ Châu");
  }

  @Test
  void theAnswerIsSortedAndBoundedByLimit() {
    List<String> first = names("79", "", null);
    assertThat(first).hasSize(20);
    assertThat(first).extracting(Folding::fold).extracting(n -> n.replaceFirst("^(xa|phuong|dac khu) ", ""))
        .isSorted();
    assertThat(names("79", "", "100")).hasSize(100).startsWith(first.toArray(String[]::new));
    assertThat(names("79", "", "3")).containsExactlyElementsOf(first.subList(0, 3));
    for (String bad : List.of("0", "101", "x")) {
      Http.Response response = http.get("/api/v1/geo/provinces/79/communes?limit=" + bad, desk.key());
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("limit");
    }
  }

  @Test
  void anUnknownProvinceIs404() {
    for (String code : List.of("02", "1", "xx")) {
      Http.Response response = http.get("/api/v1/geo/provinces/" + code + "/communes?q=a", desk.key());
      assertThat(response.status()).as(code).isEqualTo(404);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
  }

  @Test
  void onlyDeskAndAdminKeysMayAsk() {
    assertThat(http.get("/api/v1/geo/provinces", null).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/geo/provinces/01/communes", app.courierKey("100000")).status())
        .isEqualTo(403);
    assertThat(http.get("/api/v1/geo/provinces/01/communes", app.carrierKey()).status())
        .isEqualTo(403);
  }

  private List<String> names(String province, String q, String limit) {
    String path = "/api/v1/geo/provinces/" + province + "/communes?q="
        + URLEncoder.encode(q, StandardCharsets.UTF_8) + (limit == null ? "" : "&limit=" + limit);
    Http.Response response = http.get(path, desk.key());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("name")).toList();
  }
}
