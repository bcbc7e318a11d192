package vn.dossierpost.notify;

import io.vertx.core.Future;

/** Where SMS go out: the console of the embedded service, or an operator's HTTP API. */
public interface SmsGateway {

  /**
   * One message. {@code ref} is the outbox job's idempotency key: sent again after a crash, the
   * same message carries the same ref, and a gateway that honours it sends it once.
   */
  record Outgoing(String ref, String to, String brandname, String text) {
  }

  /** The gateway took the message; {@code gatewayRef} is its own id, when it gives one. */
  record Accepted(String gatewayRef) {
  }

  /** The gateway refused the message for good (a bad number, a rejected brandname). */
  final class Rejected extends RuntimeException {
    public Rejected(String message) {
      super(message, null, false, false);
    }
  }

  String name();

  /** Fails with {@link Rejected} for a permanent refusal, with anything else to be retried. */
  Future<Accepted> send(Outgoing sms);
}
