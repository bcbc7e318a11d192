package vn.dossierpost.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import vn.dossierpost.http.ProblemException;
import vn.dossierpost.support.Decoders;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/** The label and manifest endpoints, end to end: what comes out scans. */
class LabelApiTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());

  @Test
  void aBookedOrdersLabelComesAsPngPdfAndZplAndScans() {
    JsonObject order = booked("DELIVERY");
    String id = order.getString("id");
    String item = order.getString("itemCode");

    Http.Response png = app.http().get("/api/v1/orders/" + id + "/label?format=png", desk.key());
    Http.Response pdf = app.http().get("/api/v1/orders/" + id + "/label", desk.key());
    Http.Response zpl = app.http().get("/api/v1/orders/" + id + "/label?format=zpl&dpi=300", desk.key());

    assertThat(png.status()).isEqualTo(200);
    assertThat(png.header("Content-Type")).isEqualTo("image/png");
    assertThat(png.header("Content-Disposition")).contains(item + ".png");
    List<String> decoded = Decoders.zxing(png.body().getBytes());
    assertThat(decoded).contains("CODE_128:" + item);
    assertThat(decoded).anyMatch(s -> s.startsWith("QR_CODE:" + app.baseUrl() + "/t/"));
    assertThat(Decoders.zbar(png.body().getBytes())).contains("CODE-128:" + item);

    assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
    // The recipient block names the commune from its code (Samples' line names only the street).
    assertThat(Decoders.pdfText(pdf.body().getBytes()).replaceAll("\\s+", " "))
        .contains("12 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội");
    Path page = Decoders.rasterise(pdf.body().getBytes(), 300).get(0);
    assertThat(Decoders.zbar(page)).contains("CODE-128:" + item);

    assertThat(zpl.header("Content-Type")).startsWith("application/zpl");
    assertThat(zpl.text()).contains("^PW1200", "^CI28", "^FD" + item + "^FS");
  }

  @Test
  void anOrderNotBookedYetHasNoLabel() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
    Samples.unserved(request);
    String id = desk.books(request).json().getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKING_FAILED"));

    Http.Response response = app.http().get("/api/v1/orders/" + id + "/label", desk.key());

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().getString("type")).isEqualTo("/problems/not-booked");
  }

  @Test
  void anotherOfficesLabelIs404AndBadParametersAre400() {
    String id = booked("DELIVERY").getString("id");
    Desk stranger = new Desk(app, app.newOffice());

    assertThat(app.http().get("/api/v1/orders/" + id + "/label", stranger.key()).status()).isEqualTo(404);
    for (String query : List.of("format=gif", "dpi=600", "media=a4&format=png", "media=letter")) {
      Http.Response response = app.http().get("/api/v1/orders/" + id + "/label?" + query, desk.key());
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  void manyLabelsComeInOnePdfOrOneZplStream() {
    List<JsonObject> orders = List.of(booked("DELIVERY"), booked("PICKUP"), booked("DELIVERY"));
    JsonArray ids = new JsonArray(orders.stream().map(o -> o.getString("id")).toList());

    Http.Response a4 = app.http().post("/api/v1/labels", desk.key(),
        new JsonObject().put("orderIds", ids).put("format", "pdf").put("media", "a4"));
    Http.Response zpl = app.http().post("/api/v1/labels", desk.key(),
        new JsonObject().put("orderIds", ids).put("format", "zpl"));

    assertThat(a4.status()).isEqualTo(200);
    List<Path> pages = Decoders.rasterise(a4.body().getBytes(), 300);
    assertThat(pages).hasSize(1);
    List<String> scanned = Decoders.zbar(pages.get(0));
    for (JsonObject order : orders) {
      assertThat(scanned).contains("CODE-128:" + order.getString("itemCode"));
    }
    String stream = zpl.text();
    assertThat(stream.split("\\^XA", -1)).hasSize(4);
    assertThat(stream.split("~DU", -1)).hasSize(3);
  }

  @Test
  void aBatchNamingUnknownOrUnbookedOrdersSaysWhichOnes() {
    String mine = booked("DELIVERY").getString("id");
    String theirs = new Desk(app, app.newOffice()).booked("DELIVERY").getString("id");

    Http.Response response = app.http().post("/api/v1/labels", desk.key(), new JsonObject()
        .put("orderIds", new JsonArray().add(mine).add(theirs).add("not-an-id").add(mine)));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("orderIds[2]", "orderIds[3]");
    Http.Response unknown = app.http().post("/api/v1/labels", desk.key(),
        new JsonObject().put("orderIds", new JsonArray().add(mine).add(theirs)));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("orderIds[1]");
  }

  @Test
  void aManifestListsTheItemsWithTotalsAndItsPdfScansAsOneBatch() {
    List<JsonObject> orders = List.of(booked("DELIVERY"), booked("DELIVERY"), booked("DELIVERY"));
    JsonArray ids = new JsonArray(orders.stream().map(o -> o.getString("id")).toList());

    Http.Response created = app.http().post("/api/v1/manifests", desk.key(), new JsonObject()
        .put("orderIds", ids).put("courierName", "Phạm Văn Bình").put("postalUnit", "650000"));

    assertThat(created.status()).isEqualTo(201);
    JsonObject manifest = created.json();
    assertThat(manifest.getString("code")).matches("MF[0-9A-HJKMNP-TV-Z]{10}");
    assertThat(manifest.getJsonObject("totals").getInteger("items")).isEqualTo(3);
    assertThat(manifest.getJsonObject("totals").getLong("feeToCollect")).isEqualTo(150_000L);
    assertThat(manifest.getJsonArray("items").getJsonObject(0).getString("orderId"))
        .isEqualTo(orders.get(0).getString("id"));

    Http.Response pdf = app.http().get(manifest.getString("pdf"), desk.key());
    assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
    List<String> scanned = new ArrayList<>();
    Decoders.rasterise(pdf.body().getBytes(), 300).forEach(p -> scanned.addAll(Decoders.zbar(p)));
    assertThat(scanned).contains("CODE-128:" + manifest.getString("code"));
    assertThat(manifest.getJsonArray("items").getJsonObject(0).getString("commune"))
        .isEqualTo("Phường Hoàn Kiếm, Hà Nội");
    assertThat(Decoders.pdfText(pdf.body().getBytes())).contains("Phường Hoàn Kiếm, Hà Nội");
    for (JsonObject order : orders) {
      assertThat(scanned).contains("CODE-128:" + order.getString("itemCode"));
    }
    assertThat(app.http().get("/api/v1/manifests/" + manifest.getString("id"),
        new Desk(app, app.newOffice()).key()).status()).isEqualTo(404);
  }

  @Test
  void aManifestAsksForPdfWithAnAcceptHeader() {
    String id = booked("DELIVERY").getString("id");

    Http.Response pdf = app.http().post("/api/v1/manifests", desk.key(),
        new JsonObject().put("orderIds", new JsonArray().add(id)), Map.of("Accept", "application/pdf"));

    assertThat(pdf.status()).isEqualTo(201);
    assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(pdf.header("Location")).startsWith("/api/v1/manifests/");
    assertThat(new String(pdf.body().getBytes(0, 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  @Test
  void onlyBookedDeliveryLegsGoOnAManifest() {
    String pickup = booked("PICKUP").getString("id");

    Http.Response response = app.http().post("/api/v1/manifests", desk.key(),
        new JsonObject().put("orderIds", new JsonArray().add(pickup)).put("postalUnit", "65"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("code")))
        .contains("invalid_format");
    Http.Response legs = app.http().post("/api/v1/manifests", desk.key(),
        new JsonObject().put("orderIds", new JsonArray().add(pickup)));
    assertThat(legs.json().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("not_delivery");
  }

  @Test
  void whenTheRenderPoolIsFullTheAnswerIsAQuick503() throws Exception {
    RenderPool pool = new RenderPool(app.app().vertx(), 1, 1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> busy = pool.submit(() -> {
      release.await();
      return "done";
    });

    Future<String> refused = pool.submit(() -> "never");
    Promise<Throwable> failure = Promise.promise();
    refused.onFailure(failure::complete);

    assertThat(TestApp.await(failure.future())).isInstanceOf(ProblemException.class);
    assertThat(((ProblemException) refused.cause()).problem().status()).isEqualTo(503);
    assertThat(((ProblemException) refused.cause()).problem().headers()).containsEntry("Retry-After", "1");
    release.countDown();
    assertThat(TestApp.await(busy)).isEqualTo("done");
    TestApp.await(pool.close());
  }

  private JsonObject booked(String leg) {
    String id = desk.booked(leg).getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }
}
