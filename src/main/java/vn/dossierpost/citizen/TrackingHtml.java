package vn.dossierpost.citizen;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;

/**
 * The tracking page as HTML: server-rendered, no script, one inline style sheet allowed by its
 * hash in the Content Security Policy, readable from a 360 px phone to a desktop.
 */
final class TrackingHtml {

  private static final String CSS = """
      *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,\
      Arial,sans-serif;color:#1a1a1a;background:#f4f6f8}main{max-width:40rem;margin:0 auto;\
      padding:1rem}h1{font-size:1.15rem;margin:.25rem 0 1rem;color:#0b4f8a}h2{font-size:1.1rem;\
      margin:1.25rem 0 .5rem}.card{background:#fff;border-radius:.5rem;padding:1rem;\
      box-shadow:0 1px 2px rgba(0,0,0,.08);margin-bottom:1rem}.status h2{margin:.25rem 0;\
      font-size:1.3rem}.leg{margin:0;color:#555;font-size:.9rem}.ok h2{color:#1b7a2e}\
      .warn h2{color:#a15c00}.bad h2{color:#b3261e}.upd{color:#555;font-size:.875rem;margin:.5rem 0 0}\
      dl{display:grid;grid-template-columns:fit-content(45%) minmax(0,1fr);gap:.25rem .75rem;margin:0}dt{color:#555}\
      dd{margin:0;font-weight:600;overflow-wrap:anywhere}ol{list-style:none;margin:0;padding:0}\
      li{border-left:3px solid #c8d3de;padding:0 0 .9rem .9rem;position:relative}\
      li:first-child{border-color:#0b4f8a}time{display:block;color:#555;font-size:.875rem}\
      li span{display:block;color:#333;font-size:.9rem;overflow-wrap:anywhere}\
      form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}label{flex:1 1 100%}\
      input{font:inherit;padding:.5rem;width:7rem;border:1px solid #888;border-radius:.25rem}\
      button{font:inherit;padding:.5rem 1rem;border:0;border-radius:.25rem;background:#0b4f8a;\
      color:#fff}.msg{color:#b3261e;margin:.5rem 0 0}footer{color:#555;font-size:.8rem;\
      margin-top:1.5rem}""";

  /** The page's Content Security Policy: nothing but this style sheet and posts to itself. */
  static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; img-src 'self'; "
      + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private TrackingHtml() {
  }

  /**
   * Each thread's page under construction, and what turns it into UTF-8: a page then costs its
   * own bytes and little more, instead of a builder grown to UTF-16, a String copied from it and
   * the bytes encoded from that (most of what a page request allocated).
   */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    final StringBuilder text = new StringBuilder(8_192);
    char[] chars = new char[8_192];
    byte[] bytes = new byte[24_576]; // at most 3 UTF-8 bytes a char
  }

  /** The page as UTF-8, ready to send. */
  static Buffer page(TrackingView v, String message) {
    Scratch scratch = SCRATCH.get();
    StringBuilder out = scratch.text;
    out.setLength(0);
    render(out, v, message);
    int length = out.length();
    if (scratch.chars.length < length) {
      scratch.chars = new char[length * 2];
      scratch.bytes = new byte[scratch.chars.length * 3];
    }
    out.getChars(0, length, scratch.chars, 0);
    int n = utf8(scratch.chars, length, scratch.bytes);
    return Buffer.buffer(java.util.Arrays.copyOf(scratch.bytes, n));
  }

  /**
   * {@code chars[0, length)} as UTF-8 into {@code out} (room for three bytes a char); the
   * bytes written. One pass with the ASCII case first: the JDK's encoder falls back to a slow
   * path for the rest of the text at the first non-ASCII character, which on a Vietnamese page
   * is near the start. An unpaired surrogate becomes '?', as the JDK's encoder would make it.
   */
  static int utf8(char[] chars, int length, byte[] out) {
    int p = 0;
    for (int i = 0; i < length; i++) {
      char c = chars[i];
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xC0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(chars[i + 1])) {
          int cp = Character.toCodePoint(c, chars[++i]);
          out[p++] = (byte) (0xF0 | (cp >> 18));
          out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          out[p++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          out[p++] = '?';
        }
      } else {
        out[p++] = (byte) (0xE0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return p;
  }

  private static void render(StringBuilder out, TrackingView v, String message) {
    head(out, "Tra cứu hồ sơ " + v.dossierCode());
    out.append("<section class=\"card status ").append(tone(v.status())).append("\"><p class=\"leg\">")
        .append(v.leg() == Leg.PICKUP ? "Thu gom hồ sơ tại nhà" : "Trả kết quả tại nhà")
        .append("</p><h2>").append(esc(v.headline())).append("</h2><p>").append(esc(v.nextStep()))
        .append("</p>");
    if (v.updatedAt() != null) {
      out.append("<p class=\"upd\">Cập nhật lúc ").append(TrackingView.TIME.format(v.updatedAt()))
          .append(" (giờ Việt Nam)</p>");
    }
    out.append("</section><section class=\"card\"><dl>")
        .append("<dt>Mã hồ sơ</dt><dd>").append(esc(v.dossierCode())).append("</dd>");
    if (v.itemCode() != null) {
      out.append("<dt>Mã bưu gửi</dt><dd>").append(esc(v.itemCode())).append("</dd>");
    }
    out.append("<dt>").append(v.leg() == Leg.PICKUP ? "Người gửi" : "Người nhận").append("</dt><dd>")
        .append(esc(v.citizenName())).append("</dd><dt>Điện thoại</dt><dd>")
        .append(esc(v.citizenPhone())).append("</dd>");
    TrackingView.Detail d = v.detail();
    if (d != null) {
      out.append("<dt>Cơ quan</dt><dd>").append(esc(d.officeName())).append("</dd>")
          .append("<dt>Điện thoại cơ quan</dt><dd>").append(esc(d.officePhone())).append("</dd>")
          .append("<dt>Mã thủ tục</dt><dd>").append(esc(d.procedureCode())).append("</dd>")
          .append("<dt>Phí phải thu ").append(v.leg() == Leg.PICKUP ? "(khi nhận hồ sơ)" : "(khi phát)")
          .append("</dt><dd>").append(money(d.feeToCollect())).append("</dd>")
          .append("<dt>Tỉnh, thành phố</dt><dd>")
          .append(esc(vn.dossierpost.geo.Provinces.name(d.province()).orElse(""))).append("</dd>")
          .append(v.leg() == Leg.PICKUP ? "<dt>Số lần thu gom không thành công</dt><dd>"
              : "<dt>Số lần phát không thành công</dt><dd>").append(d.attempts()).append("</dd>");
    }
    out.append("</dl></section><section class=\"card\"><h2>Hành trình</h2>");
    List<TrackingView.Step> steps = v.timeline();
    if (steps.isEmpty()) {
      out.append("<p>Chưa có thông tin từ bưu điện.</p>");
    } else {
      out.append("<ol>");
      for (int i = steps.size() - 1; i >= 0; i--) {
        TrackingView.Step s = steps.get(i);
        out.append("<li><time datetime=\"").append(s.at()).append("\">")
            .append(TrackingView.TIME.format(s.at())).append("</time><b>").append(esc(s.text()))
            .append("</b>");
        if (s.place() != null) {
          out.append("<span>").append(esc(s.place())).append("</span>");
        }
        if (s.reason() != null) {
          out.append("<span>Lý do: ").append(esc(s.reason())).append("</span>");
        }
        out.append("</li>");
      }
      out.append("</ol>");
    }
    out.append("</section>");
    if (d == null) {
      out.append("<section class=\"card\"><form method=\"post\"><label for=\"p4\">Xem thêm chi tiết: ")
          .append("nhập 4 số cuối số điện thoại đã đăng ký</label><input id=\"p4\" name=\"phone4\" ")
          .append("inputmode=\"numeric\" pattern=\"[0-9]{4}\" maxlength=\"4\" minlength=\"4\" ")
          .append("autocomplete=\"off\" required><button type=\"submit\">Xem chi tiết</button></form>");
      if (message != null) {
        out.append("<p class=\"msg\" role=\"alert\">").append(esc(message)).append("</p>");
      }
      out.append("</section>");
    }
    foot(out);
  }

  static String notFound() {
    StringBuilder out = head(new StringBuilder(6_000), "Không tìm thấy thông tin");
    out.append("<section class=\"card\"><h2>Không tìm thấy thông tin tra cứu</h2><p>Đường dẫn không ")
        .append("đúng hoặc đã hết hạn. Vui lòng kiểm tra lại tin nhắn mới nhất, hoặc liên hệ bộ phận ")
        .append("một cửa nơi bạn nộp hồ sơ.</p></section>");
    return foot(out).toString();
  }

  static String tooMany(long retryAfterSeconds) {
    StringBuilder out = head(new StringBuilder(6_000), "Thử lại sau");
    out.append("<section class=\"card\"><h2>Bạn đã tra cứu quá nhiều lần</h2><p>Vui lòng thử lại sau ")
        .append(Math.max(1, retryAfterSeconds)).append(" giây.</p></section>");
    return foot(out).toString();
  }

  private static StringBuilder head(StringBuilder out, String title) {
    return out.append("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<meta name=\"robots\" content=\"noindex,nofollow\"><meta name=\"referrer\" content=\"no-referrer\">")
        .append("<title>").append(esc(title)).append("</title><style>").append(CSS)
        .append("</style></head><body><main><h1>Tra cứu hồ sơ qua bưu điện</h1>");
  }

  private static StringBuilder foot(StringBuilder out) {
    return out.append("<footer>Dịch vụ bưu chính công ích theo Quyết định 45/2016/QĐ-TTg. ")
        .append("Đường dẫn này chỉ dành cho bạn; vui lòng không chia sẻ.</footer></main></body></html>");
  }

  private static String tone(OrderStatus s) {
    return switch (s) {
      case DELIVERED -> "ok";
      case DELIVERY_FAILED, COLLECTION_FAILED, AWAITING_PICKUP, RETURNING -> "warn";
      case BOOKING_FAILED, RETURNED, CANCELLED, LOST -> "bad";
      default -> "";
    };
  }

  private static String money(long vnd) {
    return String.format(java.util.Locale.ROOT, "%,d", vnd).replace(',', '.') + " đ";
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String sha256(String css) {
    try {
      return "sha256-" + Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
