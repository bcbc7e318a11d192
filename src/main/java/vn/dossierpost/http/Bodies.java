package vn.dossierpost.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Request bodies and path parameters, read strictly. */
public final class Bodies {

  private Bodies() {
  }

  /** The body as one JSON object; anything else is a 400 that names what was wrong. */
  public static JsonObject object(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw Problems.badRequest("missing-body", "the request needs a JSON object body");
    }
    Object value;
    try {
      value = buffer.toJsonValue();
    } catch (DecodeException e) {
      throw Problems.badRequest("malformed-json", "the request body is not valid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw Problems.badRequest("malformed-json", "the request body must be a JSON object");
    }
    return object;
  }

  /** Like {@link #object} but an absent body is an empty object. */
  public static JsonObject optionalObject(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    return buffer == null || buffer.length() == 0 ? new JsonObject() : object(ctx);
  }

  /** A UUID path parameter; a malformed one is indistinguishable from a missing resource. */
  public static UUID uuidParam(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      if (raw == null || raw.length() != 36) {
        throw Problems.notFound();
      }
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw Problems.notFound();
    }
  }
}
