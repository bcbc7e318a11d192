package vn.dossierpost;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Walks one {@code BOTH} dossier of the demo office end to end through the HTTP API, as the desk
 * and the courier would, printing each step and the dossier's status: created, collected by the
 * courier, received at the desk (appointment date from the catalogue), processing, result
 * ready (only now is the DELIVERY leg booked), delivered, closed. A command-line client of a
 * running service: blocking calls are fine here.
 *
 * <p>{@code java -cp target/dossier-post.jar vn.dossierpost.DemoWalk [baseUrl] [keysFile]}
 */
public final class DemoWalk {

  static final String PROCEDURE = "2.001417";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String deskKey;
  private final String courierKey;
  private final PrintStream out;

  DemoWalk(String base, String deskKey, String courierKey, PrintStream out) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.deskKey = deskKey;
    this.courierKey = courierKey;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://localhost:8080";
    Path keysFile = Path.of(args.length > 1 ? args[1]
        : System.getenv().getOrDefault("DP_DATA_DIR", "data") + "/demo-keys.env");
    Map<String, String> keys = keys(keysFile);
    String desk = System.getenv().getOrDefault("DP_DEMO_DESK_KEY", keys.get("DP_DEMO_DESK_KEY"));
    String courier = System.getenv().getOrDefault("DP_DEMO_COURIER_KEY", keys.get("DP_DEMO_COURIER_KEY"));
    if (desk == null || courier == null) {
      System.err.println("No demo keys: start the service first (it writes " + keysFile
          + "), or set DP_DEMO_DESK_KEY and DP_DEMO_COURIER_KEY.");
      System.exit(2);
    }
    try {
      new DemoWalk(base, desk, courier, System.out).walk(DemoData.OFFICE);
    } catch (WalkFailed e) {
      System.err.println("The walk stopped: " + e.getMessage());
      System.exit(1);
    }
  }

  /** The whole journey; answers the dossier as it ends. */
  JsonObject walk(String office) throws IOException, InterruptedException {
    String day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(DateTimeFormatter.ofPattern("yyMMdd"));
    JsonObject address = new JsonObject().put("line", "45 Lê Thánh Tôn").put("communeCode", "22366")
        .put("provinceCode", "56");
    JsonObject request = new JsonObject().put("procedureCode", PROCEDURE).put("mode", "BOTH")
        .put("citizen", new JsonObject().put("name", "Trần Thị Bích Ngọc").put("phone", "0987654321"))
        .put("collectionAddress", address)
        .put("deliveryAddress", address.copy().put("line", "7 Yersin"))
        .put("feeToCollect", 200_000).put("notifySms", true);
    JsonObject created = null;
    String code = null;
    // A free dossier number of today's series (a walk run again takes another one).
    for (int attempt = 0; created == null; attempt++) {
      code = office + "-" + day + "-" + (5000 + ThreadLocalRandom.current().nextInt(5000));
      created = attempt < 5 ? callOrNull("POST", "/api/v1/dossiers", deskKey,
          request.copy().put("dossierCode", code), 201, 409)
          : call("POST", "/api/v1/dossiers", deskKey, request.copy().put("dossierCode", code), 201);
    }
    String id = created.getString("id");
    say("1. desk creates dossier " + code + " (BOTH, procedure " + PROCEDURE + ")", created);

    String pickupItem = itemCode(id, "PICKUP");
    out.println("   PICKUP leg booked with the carrier: " + pickupItem
        + "; the DELIVERY leg waits for the result (AWAITING_RESULT)");
    JsonObject card = call("GET", "/api/v1/courier/items/" + pickupItem, courierKey, null, 200);
    JsonArray checklist = new JsonArray();
    card.getJsonArray("components", new JsonArray()).forEach(c -> {
      JsonObject component = (JsonObject) c;
      checklist.add(new JsonObject().put("name", component.getString("name"))
          .put("kind", component.getString("kind")).put("count", component.getInteger("count")));
    });
    call("POST", "/api/v1/scans", courierKey, scan(pickupItem, "COLLECTED")
        .put("checklist", checklist).put("sealNumber", "NP-" + day + "01")
        .put("fee", new JsonObject().put("amount", 200_000).put("receiptNumber", "BL-" + day)), 200);
    say("2. courier collects it from the citizen (checklist of " + checklist.size()
        + " components, seal, fee 200.000 ₫)", dossier(id));

    JsonObject received = call("POST", "/api/v1/dossiers/" + id + "/receive", deskKey,
        new JsonObject().put("checklist", checklist).put("sealIntact", true)
            .put("feeHandedOver", new JsonObject().put("amount", 200_000).put("receiptNumber", "BL-" + day)),
        200);
    say("3. desk receives and re-tallies it; appointment date " + received.getString("appointmentDate")
        + " (the procedure's working days)", received);
    say("4. desk starts processing", step(id, "process"));
    say("5. desk marks the result ready: the DELIVERY leg is booked now", step(id, "result-ready"));

    String deliveryItem = itemCode(id, "DELIVERY");
    out.println("   DELIVERY leg booked: " + deliveryItem);
    call("POST", "/api/v1/scans", courierKey, scan(deliveryItem, "COLLECTED"), 200);
    say("6. courier takes the result from the desk", dossier(id));
    call("POST", "/api/v1/scans", courierKey, scan(deliveryItem, "OUT_FOR_DELIVERY"), 200);
    call("POST", "/api/v1/scans", courierKey, scan(deliveryItem, "DELIVERED").put("proof",
        new JsonObject().put("recipientName", "Trần Thị Bích Ngọc").put("idType", "CCCD")
            .put("idLast4", "4321").put("signatureRef", "demo-" + UUID.randomUUID())), 200);
    say("7. courier delivers it to the citizen (ID checked)", dossier(id));
    JsonObject closed = step(id, "close");
    say("8. desk closes the dossier", closed);
    out.println("Open " + base + "/app/desk.html (Hồ sơ) to see it, and its timeline.");
    return closed;
  }

  private void say(String what, JsonObject dossier) {
    out.println(what + " → " + dossier.getString("status"));
  }

  private JsonObject step(String id, String step) throws IOException, InterruptedException {
    return call("POST", "/api/v1/dossiers/" + id + "/" + step, deskKey, new JsonObject(), 200);
  }

  private JsonObject dossier(String id) throws IOException, InterruptedException {
    return call("GET", "/api/v1/dossiers/" + id, deskKey, null, 200);
  }

  /** The item code of a leg, once the carrier has given one (bookings are asynchronous). */
  private String itemCode(String id, String leg) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Object o : dossier(id).getJsonArray("legs")) {
        JsonObject order = (JsonObject) o;
        if (leg.equals(order.getString("leg")) && order.getString("itemCode") != null) {
          return order.getString("itemCode");
        }
      }
      Thread.sleep(250);
    }
    throw new WalkFailed(0, "the " + leg + " leg got no item code within " + WAIT.toSeconds() + " s");
  }

  private static JsonObject scan(String itemCode, String action) {
    return new JsonObject().put("scanId", "demo-" + UUID.randomUUID()).put("itemCode", itemCode)
        .put("action", action).put("scannedAt", OffsetDateTime.now().toString())
        .put("courier", "Phạm Văn Bình")
        .put("location", new JsonObject().put("code", DemoData.POSTAL_UNIT).put("name", "Bưu cục Nha Trang"));
  }

  /** As {@link #call}, answering null for the status {@code orNull}. */
  private JsonObject callOrNull(String method, String path, String key, JsonObject body,
      int expected, int orNull) throws IOException, InterruptedException {
    try {
      return call(method, path, key, body, expected);
    } catch (WalkFailed e) {
      if (e.status == orNull) {
        return null;
      }
      throw e;
    }
  }

  private JsonObject call(String method, String path, String key, JsonObject body, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key)
        .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json")
          .header("Idempotency-Key", UUID.randomUUID().toString())
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != expected) {
      throw new WalkFailed(response.statusCode(), method + " " + path + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  private static Map<String, String> keys(Path file) throws IOException {
    Map<String, String> keys = new LinkedHashMap<>();
    if (!Files.isReadable(file)) {
      return keys;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        keys.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return keys;
  }

  static final class WalkFailed extends RuntimeException {
    final int status;

    WalkFailed(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
