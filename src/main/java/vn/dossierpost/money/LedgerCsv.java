package vn.dossierpost.money;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The ledger as one CSV table for a spreadsheet: UTF-8 with a byte-order mark (so that Excel
 * reads Vietnamese correctly), CRLF, and every text cell that a spreadsheet would take for a
 * formula ({@code = + - @}, tab, CR) prefixed with an apostrophe. Each day has a total row,
 * then a row per courier, per discrepancy, per carrier mismatch and per outstanding order.
 */
public final class LedgerCsv {

  static final String HEADER = "Ngày,Loại dòng,Mã bưu gửi,Bưu cục,Mã khóa bưu tá,Bưu tá,"
      + "Phải thu,Đã thu,Đã nộp,Còn phải nộp,Số ngày,Lý do";

  private LedgerCsv() {
  }

  public static String of(JsonObject ledger) {
    StringBuilder out = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
    for (Object o : ledger.getJsonArray("days")) {
      JsonObject day = (JsonObject) o;
      String date = day.getString("date");
      row(out, date, "Tổng ngày", null, null, null, null, day.getLong("due"), day.getLong("collected"),
          day.getLong("handedOver"), day.getLong("outstanding"), null, null);
      for (JsonObject who : objects(day.getJsonArray("collectedBy"))) {
        row(out, date, "Bưu tá đã thu", null, who.getString("postalUnit"), who.getString("courierKey"),
            who.getString("courier"), null, who.getLong("collected"), null, null, null, null);
      }
      for (JsonObject d : objects(day.getJsonArray("discrepancies"))) {
        row(out, date, "Thu khác số phải thu", d.getString("itemCode"), d.getString("postalUnit"), null,
            null, d.getLong("due"), d.getLong("collected"), null, null, null,
            d.getString("reason") + (d.getString("note") == null ? "" : " — " + d.getString("note")));
      }
      for (JsonObject m : objects(day.getJsonArray("carrierMismatches"))) {
        row(out, date, "Đối soát COD lệch", m.getString("itemCode"), null, null, null, null,
            m.getLong("collected"), m.getLong("carrierPaid"), null, null, null);
      }
      for (JsonObject open : objects(day.getJsonArray("outstandingOrders"))) {
        row(out, date, "Còn phải nộp", open.getString("itemCode"), open.getString("postalUnit"),
            open.getString("courierKey"), open.getString("courier"), null, null, null,
            open.getLong("amount"), open.getLong("ageDays"), null);
      }
    }
    return out.toString();
  }

  private static Iterable<JsonObject> objects(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
  }

  private static void row(StringBuilder out, String date, String kind, String item, String unit,
      String key, String courier, Long due, Long collected, Long handed, Long outstanding, Long age,
      String reason) {
    Object[] cells = {date, kind, item, unit, key, courier, due, collected, handed, outstanding, age, reason};
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      Object cell = cells[i];
      if (cell instanceof String text) {
        out.append(quoted(neutralised(text)));
      } else if (cell != null) {
        out.append(cell); // our own numbers: never a formula
      }
    }
    out.append("\r\n");
  }

  /** A text cell a spreadsheet would evaluate is made plain text (OWASP CSV injection). */
  static String neutralised(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  private static String quoted(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
