package vn.dossierpost.audit;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import vn.dossierpost.http.Principal;
import vn.dossierpost.http.RequestLog;

/**
 * Who made a change, as the audit trail keeps it: the API key's id (null for a caller that
 * signs instead of holding a key, and for the service's own jobs), the role, the scope that role
 * is limited to (an office, a postal unit, a carrier), and the id of the request or job that
 * carried the change.
 */
public record Actor(UUID keyId, String role, String scope, String requestId) {

  /** The service's own background work: outbox jobs, the carrier poll, sweeps. */
  public static final String SYSTEM = "SYSTEM";
  /** The SMS gateway, reporting what became of a message. */
  public static final String SMS_GATEWAY = "SMS_GATEWAY";
  /** A carrier that signs its pushes instead of holding a key. */
  public static final String CARRIER = "CARRIER";

  /** The caller of an authenticated request, with the request's id. */
  public static Actor of(RoutingContext ctx) {
    return of(ctx.<Principal>get(Principal.KEY), RequestLog.requestId(ctx));
  }

  public static Actor of(Principal principal, String requestId) {
    if (principal == null) {
      throw new IllegalStateException("route is not behind Authenticate");
    }
    return new Actor(principal.keyId(), principal.role().name(), principal.scope(), requestId);
  }

  /** A caller with no key (a signed webhook), named by its role and scope. */
  public static Actor signed(String role, String scope, String requestId) {
    return new Actor(null, role, scope, requestId);
  }

  /** The service itself, doing {@code scope} (a job kind, the poll) under {@code requestId}. */
  public static Actor system(String scope, String requestId) {
    return new Actor(null, SYSTEM, scope, requestId);
  }

  /** The same caller under another request id (a carrier's message id, say). */
  public Actor withRequestId(String id) {
    return new Actor(keyId, role, scope, id);
  }

  /** A person at a desk or with a scanner: each thing they record gets its own audit row. */
  public boolean isPerson() {
    return "DESK".equals(role) || "COURIER".equals(role) || "ADMIN".equals(role);
  }
}
