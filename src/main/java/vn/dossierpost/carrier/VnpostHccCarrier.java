package vn.dossierpost.carrier;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The VNPost HCC adapter (tracking-contracts/vnpost-hcc.openapi.yaml), over Vert.x Web Client.
 * Every call has a timeout; a token is cached and renewed on 401; transient failures are retried
 * a few times with exponential backoff and jitter, inside a circuit breaker; refusals are
 * answers, never retried. A create that meets {@code DUPLICATE_ORDER} was made by an earlier
 * try whose answer was lost: the shipment is looked up instead of booked again.
 */
public final class VnpostHccCarrier implements PostalCarrier {

  /** Where and as whom to call. */
  public record Settings(String baseUrl, String customerCode, String customerKey, String secretKey,
      Duration timeout, int attempts, Duration backoff) {
  }

  private final Vertx vertx;
  private final WebClient client;
  private final Settings settings;
  private final Circuit circuit;
  private final MeterRegistry metrics;
  private Future<String> token;

  public VnpostHccCarrier(Vertx vertx, WebClient client, Settings settings, Circuit circuit,
      MeterRegistry metrics) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
    this.circuit = circuit;
    this.metrics = metrics;
  }

  @Override
  public Future<Booking> book(Shipment shipment) {
    JsonObject body = shipment.toVnpost(settings.customerCode());
    return call("createOrder", HttpMethod.POST, "/api/orders", body).compose(response -> {
      JsonObject json = json(response);
      return switch (response.statusCode()) {
        case 200 -> Future.succeededFuture(readBooking(json));
        case 409 -> "DUPLICATE_ORDER".equals(json.getString("Code"))
            ? lookUp(shipment.orderNumber())
            : Future.succeededFuture(refusal(json));
        default -> Future.succeededFuture(refusal(json));
      };
    });
  }

  private Future<Booking> lookUp(String orderNumber) {
    String path = "/api/orders/" + encode(orderNumber) + "?customerCode="
        + encode(settings.customerCode());
    return call("getOrder", HttpMethod.GET, path, null).compose(response -> {
      if (response.statusCode() == 200) {
        return Future.succeededFuture(readBooking(json(response)));
      }
      return Future.failedFuture(new CarrierUnavailable(
          "carrier reported a duplicate but cannot find order " + orderNumber));
    });
  }

  /** Reads a create answer or a shipment: both carry the item code. */
  public static Booking readBooking(JsonObject json) {
    String itemCode = json.getString("ItemCode");
    if (itemCode == null) {
      return new Refused("NO_ITEM_CODE", "carrier answered without an item code");
    }
    return new Booked(itemCode);
  }

  /** Reads a carrier error answer: its code and its message, kept as the reason. */
  public static Refused refusal(JsonObject json) {
    String code = json.getString("Code", "REFUSED");
    String message = json.getString("Message", "");
    return new Refused(code, message.isEmpty() ? code : code + ": " + message);
  }

  @Override
  public Future<Cancellation> cancel(String orderNumber) {
    JsonObject body = new JsonObject().put("CustomerCode", settings.customerCode())
        .put("OrderNumber", orderNumber);
    return call("cancelOrder", HttpMethod.POST, "/api/orders/cancel", body).map(response ->
        switch (response.statusCode()) {
          case 200 -> Cancellation.CANCELLED;
          case 404 -> Cancellation.UNKNOWN;
          default -> Cancellation.NOT_CANCELLABLE;
        });
  }

  @Override
  public Future<TrackingPage> track(String lastId, int pageSize) {
    String path = "/api/tracking?lastId=" + encode(lastId) + "&pagesize=" + pageSize;
    return call("getTracking", HttpMethod.GET, path, null).compose(response -> {
      if (response.statusCode() != 200) {
        return Future.failedFuture(new CarrierUnavailable("tracking answered " + response.statusCode()
            + ": " + response.bodyAsString()));
      }
      return Future.succeededFuture(readPage(json(response), lastId));
    });
  }

  /** Reads a tracking page; a missing LastId keeps the cursor where it was. */
  public static TrackingPage readPage(JsonObject json, String lastId) {
    JsonArray data = json.getJsonArray("Data", new JsonArray());
    // Every element, objects or not: one that is no record is parked like any bad record.
    List<Object> records = new ArrayList<>(data.size());
    data.forEach(records::add);
    return new TrackingPage(records, json.getString("LastId", lastId));
  }

  // ---- transport: token, retries, circuit ----

  /**
   * Sends one request, retrying transient failures; answers the response of the first try that
   * was not transient (2xx or a 4xx the caller interprets).
   */
  private Future<HttpResponse<Buffer>> call(String operation, HttpMethod method, String path,
      JsonObject body) {
    return attempt(operation, method, path, body, 1, false);
  }

  private Future<HttpResponse<Buffer>> attempt(String operation, HttpMethod method, String path,
      JsonObject body, int attempt, boolean renewedToken) {
    if (!circuit.allow()) {
      count(operation, "circuit_open");
      return Future.failedFuture(new CarrierUnavailable.CircuitOpen());
    }
    return token().compose(t -> send(method, path, body, t)).transform(ar -> {
      if (ar.succeeded() && ar.result().statusCode() == 401 && !renewedToken) {
        circuit.success();
        token = null;
        count(operation, "token_renewed");
        return attempt(operation, method, path, body, attempt, true);
      }
      if (ar.succeeded() && ar.result().statusCode() < 500 && ar.result().statusCode() != 429) {
        circuit.success();
        count(operation, Integer.toString(ar.result().statusCode()));
        return Future.succeededFuture(ar.result());
      }
      circuit.failure();
      String why = ar.failed() ? ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage()
          : "HTTP " + ar.result().statusCode();
      count(operation, ar.failed() ? "io_error" : Integer.toString(ar.result().statusCode()));
      if (ar.failed() && ar.cause() instanceof CarrierUnavailable.CircuitOpen) {
        return Future.failedFuture(ar.cause());
      }
      if (attempt >= settings.attempts()) {
        return Future.failedFuture(new CarrierUnavailable(operation + " failed after " + attempt
            + " tries: " + why));
      }
      return vertx.timer(backoff(attempt).toMillis())
          .compose(x -> attempt(operation, method, path, body, attempt + 1, renewedToken));
    });
  }

  private Duration backoff(int attempt) {
    long ceiling = settings.backoff().toMillis() << (attempt - 1);
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }

  private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, JsonObject body,
      String bearer) {
    HttpRequest<Buffer> request = client.requestAbs(method, settings.baseUrl() + path)
        .timeout(settings.timeout().toMillis())
        .putHeader("Accept", "application/json");
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** The cached token, or one request for a new one shared by every caller waiting for it. */
  private synchronized Future<String> token() {
    if (token == null || token.failed()) {
      JsonObject credentials = new JsonObject().put("customerKey", settings.customerKey())
          .put("secretKey", settings.secretKey());
      token = send(HttpMethod.POST, "/api/token", credentials, null).compose(response -> {
        if (response.statusCode() == 200) {
          return Future.succeededFuture(json(response).getString("token"));
        }
        return Future.failedFuture(response.statusCode() >= 500
            ? new CarrierUnavailable("token endpoint answered " + response.statusCode())
            : new IllegalStateException("carrier refused our credentials: " + response.bodyAsString()));
      });
    }
    return token;
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    try {
      Buffer body = response.body();
      return body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject();
    } catch (RuntimeException e) {
      return new JsonObject().put("Code", "UNREADABLE").put("Message", "carrier answer is not JSON");
    }
  }

  private void count(String operation, String outcome) {
    metrics.counter("carrier_requests_total", "operation", operation, "outcome", outcome).increment();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

}
