package vn.dossierpost.notify;

import java.util.Locale;

/**
 * Why a courier could not collect or deliver, reduced to a few fixed phrases. A carrier's free
 * text may name the recipient ("Anh Nguyễn Văn A vắng nhà"), so it never reaches an SMS or the
 * public page as such: only the category does.
 */
public enum Reasons {
  ABSENT("vang nha", "Người nhận vắng nhà"),
  UNREACHABLE("khong lien lac duoc", "Không liên lạc được với người nhận"),
  ADDRESS("dia chi chua dung", "Địa chỉ chưa chính xác"),
  REFUSED("nguoi nhan tu choi", "Người nhận từ chối nhận"),
  INCOMPLETE("ho so chua du", "Hồ sơ chưa đầy đủ"),
  OTHER("ly do khac", "Lý do khác");

  private final String sms;
  private final String page;

  Reasons(String sms, String page) {
    this.sms = sms;
    this.page = page;
  }

  /** The phrase for an SMS: no diacritics. */
  public String sms() {
    return sms;
  }

  /** The phrase for the tracking page: Vietnamese with diacritics. */
  public String page() {
    return page;
  }

  /** Carriers repeat a few texts: each is read once (up to a bound, then read every time). */
  private static final java.util.concurrent.ConcurrentHashMap<String, Reasons> SEEN =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_SEEN = 4_096;

  public static Reasons of(String carrierText) {
    if (carrierText == null) {
      return read(null);
    }
    Reasons known = SEEN.get(carrierText);
    if (known != null) {
      return known;
    }
    Reasons read = read(carrierText);
    if (SEEN.size() < MAX_SEEN) {
      SEEN.put(carrierText, read);
    }
    return read;
  }

  private static Reasons read(String carrierText) {
    String t = SmsText.plain(carrierText).toLowerCase(Locale.ROOT);
    if (t.contains("vang")) {
      return ABSENT;
    }
    if (t.contains("lien lac") || t.contains("dien thoai") || t.contains("thue bao")) {
      return UNREACHABLE;
    }
    if (t.contains("dia chi")) {
      return ADDRESS;
    }
    if (t.contains("tu choi") || t.contains("khong nhan")) {
      return REFUSED;
    }
    if (t.contains("thieu") || t.contains("chua du") || t.contains("khong du")) {
      return INCOMPLETE;
    }
    return OTHER;
  }
}
