package vn.dossierpost.tracking.inbox;

import io.vertx.core.buffer.Buffer;

/**
 * A pushed carrier message as the event inbox keeps it between its acknowledgement and its
 * ingest: the raw body, whose signature or key was checked and whose records were all read
 * without error before it was accepted.
 *
 * @param messageId what de-duplicates the message: {@code sw:} and the Standard Webhooks
 *     {@code webhook-id}, or {@code ems:} and the EMS transaction; null for none
 * @param events how many events the body holds
 */
public record InboxMessage(Kind kind, String messageId, Buffer body, int events) {

  /** How the body is read. */
  public enum Kind { VNPOST, EMS }

  private static final String EMS_PREFIX = "ems:";

  /** A VNPost tracking record or batch, signed as Standard Webhooks say. */
  public static InboxMessage vnpost(String webhookId, Buffer body, int events) {
    return new InboxMessage(Kind.VNPOST, "sw:" + webhookId, body, events);
  }

  /** One EMS-style status push. */
  public static InboxMessage ems(String transaction, Buffer body) {
    return new InboxMessage(Kind.EMS, EMS_PREFIX + transaction, body, 1);
  }

  /** The EMS transaction id of an EMS message's id, which is also the event's own id. */
  public static String emsTransaction(String messageId) {
    return messageId.substring(EMS_PREFIX.length());
  }
}
