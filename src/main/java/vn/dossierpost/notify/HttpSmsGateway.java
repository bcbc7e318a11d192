package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A generic brandname-SMS HTTP API: one POST per message to a configured URL with a configured
 * JSON body shape and Authorization header, and the outbox id as {@code Idempotency-Key} (also
 * offered to the body as {@code ${ref}}). 2xx: accepted; 408, 429 and 5xx: retried; any other
 * 4xx: refused for good.
 */
public final class HttpSmsGateway implements SmsGateway {

  private final WebClient client;
  private final URI url;
  private final Optional<String> authorization;
  private final String bodyTemplate;
  private final Duration timeout;

  public HttpSmsGateway(WebClient client, URI url, Optional<String> authorization,
      String bodyTemplate, Duration timeout) {
    this.client = client;
    this.url = url;
    this.authorization = authorization;
    this.bodyTemplate = bodyTemplate;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "http";
  }

  /** The configured body with each placeholder replaced by its JSON-escaped value. */
  static String body(String template, Outgoing sms) {
    return template.replace("${to}", escape(sms.to())).replace("${text}", escape(sms.text()))
        .replace("${brandname}", escape(sms.brandname())).replace("${ref}", escape(sms.ref()));
  }

  private static String escape(String value) {
    String quoted = new io.vertx.core.json.JsonArray().add(value).encode();
    return quoted.substring(2, quoted.length() - 2);
  }

  @Override
  public Future<Accepted> send(Outgoing sms) {
    var request = client.requestAbs(io.vertx.core.http.HttpMethod.POST, url.toString())
        .timeout(timeout.toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("Idempotency-Key", sms.ref());
    authorization.ifPresent(a -> request.putHeader("Authorization", a));
    return request.sendBuffer(Buffer.buffer(body(bodyTemplate, sms))).compose(this::outcome);
  }

  private Future<Accepted> outcome(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Future.succeededFuture(new Accepted(gatewayRef(response)));
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      return Future.failedFuture(new Rejected("gateway refused the message: HTTP " + status));
    }
    return Future.failedFuture("gateway answered HTTP " + status);
  }

  private static String gatewayRef(HttpResponse<Buffer> response) {
    try {
      JsonObject json = response.bodyAsJsonObject();
      if (json == null) {
        return null;
      }
      Object id = json.getValue("id", json.getValue("messageId"));
      return id == null ? null : String.valueOf(id);
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
