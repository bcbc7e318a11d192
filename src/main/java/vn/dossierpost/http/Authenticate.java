package vn.dossierpost.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Bearer-key authentication followed by a role check. The key is looked up by its hash; a
 * missing, unknown or revoked key is a 401, a known key of the wrong role a 403. Object-level
 * scope is checked by each feature, answering 404 for what lies outside it.
 */
public final class Authenticate implements Handler<RoutingContext> {

  private final Function<String, Future<Optional<Principal>>> keys;
  private final Set<Role> roles;
  private final RateLimiter limiter;

  private Authenticate(Function<String, Future<Optional<Principal>>> keys, Set<Role> roles,
      RateLimiter limiter) {
    this.keys = keys;
    this.roles = roles;
    this.limiter = limiter;
  }

  public static Authenticate roles(Function<String, Future<Optional<Principal>>> keys,
      RateLimiter limiter, Role first, Role... more) {
    return new Authenticate(keys, EnumSet.of(first, more), limiter);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
        || header.length() > 200) {
      ctx.fail(Problems.unauthorized("send Authorization: Bearer <key>"));
      return;
    }
    String key = header.substring(7).trim();
    keys.apply(key).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isEmpty()) {
        ctx.fail(Problems.unauthorized("the key is unknown or revoked"));
      } else if (!roles.contains(ar.result().get().role())) {
        ctx.fail(Problems.forbidden("a " + ar.result().get().role() + " key may not use this resource"));
      } else {
        Principal principal = ar.result().get();
        long wait = limiter.acquire(principal.keyId().toString());
        if (wait > 0) {
          ctx.fail(Problems.tooManyRequests(wait));
          return;
        }
        ctx.put(Principal.KEY, principal);
        ctx.next();
      }
    });
  }

  public static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(Principal.KEY);
    if (principal == null) {
      throw new IllegalStateException("route is not behind Authenticate");
    }
    return principal;
  }
}
