package vn.dossierpost.notify;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;

/**
 * The status SMS of each milestone of each leg (issue 7): Vietnamese without diacritics, one
 * 160-character GSM-7 segment including the tracking link, and nothing personal: the dossier
 * code, dates, a post office and a fixed reason phrase only (DOMAIN.md).
 *
 * <p>A template is text with {@code {slot}}s; {@code {place}} is the one slot that may be cut
 * short to fit. The link always comes last so that phones make it tappable.
 */
public final class SmsTemplates {

  static final int LINK_TAIL = "/t/".length() + 27;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** A message ready to send: which template, its text, and whether it may break quiet hours. */
  public record Sms(String template, String text, boolean urgent) {
  }

  private SmsTemplates() {
  }

  /** The message for where the leg now stands, or empty when the milestone has none. */
  public static Optional<Sms> message(Progress p, String link) {
    return template(p).map(t -> new Sms(t.name, fill(t.text, p, link), t.urgent));
  }

  /**
   * Whether a leg reaching this status has a message at all (which one may still depend on the
   * order's history): a status change without one writes no SMS job.
   */
  public static boolean hasMessage(Leg leg, OrderStatus status) {
    return template(new Progress(leg, status, null, null, null, null, null, null, 0, false, null,
        null, null)).isPresent();
  }

  private record Template(String name, String text, boolean urgent) {
  }

  /**
   * The message of a desk's step on a dossier (issue 25), sent on one of its legs: the
   * appointment date when the dossier is received, a request for missing documents (how many,
   * never which: the citizen reads the list at the desk or on the tracking page), the result on
   * its way. Empty for a step without one.
   */
  public static Optional<Sms> dossierMessage(String step, String dossierCode, LocalDate appointment,
      int documents, String link) {
    Template t = switch (step) {
      case "received" -> appointment != null
          ? new Template("dossier.received",
              "Co quan da nhan ho so {code}. Hen tra ket qua ngay {appointment}. {link}", false)
          : null;
      case "supplement" -> new Template("dossier.supplement",
          "Ho so {code} can bo sung {n} giay to. Xin lien he bo phan mot cua. {link}", false);
      case "result_ready" -> new Template("dossier.result_ready",
          "Ket qua ho so {code} da co, dang chuyen qua buu dien den ban. Tra cuu: {link}", false);
      default -> null;
    };
    if (t == null) {
      return Optional.empty();
    }
    String text = t.text.replace("{code}", dossierCode)
        .replace("{appointment}", appointment == null ? "" : DATE.format(appointment))
        .replace("{n}", String.valueOf(documents))
        .replace("{link}", link);
    return Optional.of(new Sms(t.name, text, t.urgent));
  }

  private static Optional<Template> template(Progress p) {
    boolean pickup = p.leg() == Leg.PICKUP;
    OrderStatus s = p.status();
    Template t = switch (s) {
      case BOOKED -> pickup ? new Template("pickup.booked",
          "Ho so {code}: buu dien se den nhan ho so tu {from} den {to}. Tra cuu: {link}", false) : null;
      case COLLECTED -> pickup
          ? new Template("pickup.collected",
              "Ho so {code} da duoc buu dien nhan, dang chuyen den co quan. Tra cuu: {link}", false)
          : new Template("delivery.handed_over",
              "Ket qua ho so {code} da giao buu dien, se phat den ban. Tra cuu: {link}", false);
      case COLLECTION_FAILED -> pickup ? new Template("pickup.collection_failed",
          "Buu dien chua nhan ho so {code} ({reason}), se hen lai. {link}", false) : null;
      case OUT_FOR_DELIVERY -> pickup ? null : new Template("delivery.out_for_delivery",
          "Ket qua ho so {code} dang duoc phat den ban hom nay. Tra cuu: {link}", true);
      case DELIVERY_FAILED -> pickup ? null : p.lastAttempt()
          ? new Template("delivery.failed_final",
              "KQ ho so {code} chua phat duoc ({reason}), giu tai buu cuc. {link}", false)
          : new Template("delivery.failed",
              "KQ ho so {code} chua phat duoc ({reason}), phat lai {retry}. {link}", false);
      case AWAITING_PICKUP -> pickup ? null : new Template("delivery.awaiting_pickup",
          "KQ ho so {code} dang giu tai {place} den {until}. Tra cuu: {link}", false);
      case DELIVERED -> pickup
          ? p.appointment() != null
              ? new Template("pickup.received",
                  "Co quan da nhan ho so {code}. Hen tra ket qua ngay {appointment}. {link}", false)
              : new Template("pickup.received_no_date",
                  "Co quan da nhan ho so {code}, se bao ngay hen tra ket qua. Tra cuu: {link}", false)
          : new Template("delivery.delivered",
              "Ket qua ho so {code} da phat thanh cong. Cam on ban. Tra cuu: {link}", false);
      case RETURNED -> pickup
          ? new Template("pickup.returned",
              "Ho so {code} khong chuyen duoc den co quan, da hoan lai. Tra cuu: {link}", false)
          : new Template("delivery.returned",
              "Ket qua ho so {code} khong phat duoc, da tra ve co quan. Tra cuu: {link}", false);
      case LOST -> new Template(pickup ? "pickup.lost" : "delivery.lost",
          "Buu gui ho so {code} bi that lac. Co quan se lien he voi ban. {link}", false);
      default -> null;
    };
    return Optional.ofNullable(t);
  }

  private static String fill(String template, Progress p, String link) {
    String text = template
        .replace("{code}", p.dossierCode())
        .replace("{from}", day(p.collectFrom()))
        .replace("{to}", day(p.collectTo()))
        .replace("{reason}", p.reason() == null ? Reasons.OTHER.sms() : p.reason().sms())
        .replace("{retry}", day(p.retryOn()))
        .replace("{until}", day(p.heldUntil()))
        .replace("{appointment}", p.appointment() == null ? "" : DATE.format(p.appointment()))
        .replace("{link}", link);
    if (text.contains("{place}")) {
      int room = SmsText.SEGMENT - (text.length() - "{place}".length());
      String place = SmsText.plain(p.postOffice() == null ? "buu cuc" : p.postOffice());
      text = text.replace("{place}", SmsText.shorten(place, room));
    }
    return text;
  }

  private static String day(LocalDate date) {
    return date == null ? "" : DAY.format(date);
  }
}
