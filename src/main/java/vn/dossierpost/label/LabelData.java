package vn.dossierpost.label;

import java.text.Normalizer;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import vn.dossierpost.access.Office;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.s10.S10;

/** The values a label prints, by field name, NFC-normalised; the layout decides where. */
record LabelData(Map<String, String> fields) {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  public String get(String field) {
    return fields.get(field);
  }

  /** An order's label: the citizen is the sender of a PICKUP and the recipient of a DELIVERY. */
  public static LabelData of(Order order, Office office, String trackingUrl, LocalDate bookingDate) {
    boolean pickup = order.leg() == Leg.PICKUP;
    Map<String, String> f = new LinkedHashMap<>();
    f.put("title", "BƯU CHÍNH CÔNG ÍCH · HÀNH CHÍNH CÔNG");
    f.put("legLabel", pickup ? "NHẬN HỒ SƠ" : "TRẢ KẾT QUẢ");
    f.put("dossierCode", "Mã hồ sơ: " + order.dossierCode());
    f.put("bookingDate", "Ngày gửi: " + bookingDate.format(DATE));
    f.put("fee", order.feeToCollect() > 0 ? "THU HỘ: " + money(order.feeToCollect()) : "KHÔNG THU TIỀN");
    String citizenName = order.citizen().name();
    String citizenAddress = order.citizen().address().oneLine();
    String citizenPhone = "ĐT: " + spaced(Phones.national(order.citizen().phone()));
    String officeAddress = office.address().oneLine();
    String officePhone = office.phone() == null ? "" : "ĐT: " + spaced(Phones.national(office.phone()));
    f.put("senderName", pickup ? citizenName : office.name());
    f.put("senderAddress", pickup ? citizenAddress : officeAddress);
    f.put("senderPhone", pickup ? citizenPhone : officePhone);
    f.put("recipientName", pickup ? office.name() : citizenName);
    f.put("recipientAddress", pickup ? officeAddress : citizenAddress);
    f.put("recipientPhone", pickup ? officePhone : citizenPhone);
    f.put("contents", "Nội dung: " + order.contents());
    f.put("itemCode", order.itemCode());
    f.put("itemCodeGrouped", order.itemCode() == null ? null : S10.grouped(order.itemCode()));
    f.put("orderNumber", "Số đơn: " + order.orderNumber());
    f.put("trackingUrl", trackingUrl);
    Map<String, String> nfc = new LinkedHashMap<>();
    f.forEach((k, v) -> nfc.put(k, v == null ? null : Normalizer.normalize(v, Normalizer.Form.NFC)));
    return new LabelData(nfc);
  }

  /** 50000 → "50.000 đ", the Vietnamese way. */
  public static String money(long dong) {
    return NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN")).format(dong) + " đ";
  }

  /** 0912345678 → 0912 345 678; 02583822222 → 0258 382 2222. */
  private static String spaced(String national) {
    return national.length() >= 10
        ? national.substring(0, 4) + " " + national.substring(4, 7) + " " + national.substring(7)
        : national;
  }
}
