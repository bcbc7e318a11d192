package vn.dossierpost.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A small blocking HTTP driver over Vert.x Web Client, for tests that read as stories. */
public final class Http {

  private final WebClient client;
  private final String base;

  public Http(WebClient client, String base) {
    this.client = client;
    this.base = base;
  }

  /** A response, fully read. */
  public record Response(int status, MultiMap headers, Buffer body) {
    public JsonObject json() {
      return body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject();
    }

    public String header(String name) {
      return headers.get(name);
    }

    public String text() {
      return body == null ? "" : body.toString();
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  public Response get(String path, String key) {
    return send(HttpMethod.GET, path, key, null, Map.of());
  }

  public Response post(String path, String key, JsonObject body) {
    return send(HttpMethod.POST, path, key, body == null ? null : body.toBuffer(),
        Map.of("Content-Type", "application/json"));
  }

  public Response post(String path, String key, JsonObject body, Map<String, String> headers) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.putIfAbsent("Content-Type", "application/json");
    return send(HttpMethod.POST, path, key, body == null ? null : body.toBuffer(), all);
  }

  public Response send(HttpMethod method, String path, String key, Buffer body,
      Map<String, String> headers) {
    HttpRequest<Buffer> request = client.requestAbs(method, base + path).timeout(30_000);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    headers.forEach(request::putHeader);
    try {
      HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(body))
          .await(60, TimeUnit.SECONDS);
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer from " + method + " " + path, e);
    }
  }
}
