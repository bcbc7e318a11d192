package vn.dossierpost.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem. {@code type} is a stable slug under {@code /problems/}; clients branch on
 * it, never on {@code title} or {@code detail}.
 */
public record Problem(
    String slug,
    String title,
    int status,
    String detail,
    List<FieldError> errors,
    Map<String, Object> extensions,
    Map<String, String> headers) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    errors = List.copyOf(errors);
    extensions = Map.copyOf(extensions);
    headers = Map.copyOf(headers);
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(slug, title, status, detail, List.of(), Map.of(), Map.of());
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(slug, title, status, detail, fieldErrors, extensions, headers);
  }

  public Problem with(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(key, value);
    return new Problem(slug, title, status, detail, errors, more, headers);
  }

  public Problem withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Problem(slug, title, status, detail, errors, extensions, more);
  }

  public ProblemException exception() {
    return new ProblemException(this);
  }

  public JsonObject toJson(String requestId) {
    JsonObject json = new JsonObject()
        .put("type", "/problems/" + slug)
        .put("title", title)
        .put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (requestId != null) {
      json.put("instance", "urn:request:" + requestId);
      json.put("requestId", requestId);
    }
    if (!errors.isEmpty()) {
      JsonArray array = new JsonArray();
      errors.forEach(e -> array.add(e.toJson()));
      json.put("errors", array);
    }
    extensions.forEach(json::put);
    return json;
  }
}
