package vn.dossierpost.label;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import vn.dossierpost.access.Office;
import vn.dossierpost.label.LabelFonts.Face;
import vn.dossierpost.label.LabelLayout.Align;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderQuery;
import vn.dossierpost.s10.S10;

/**
 * The A4 pages of a handover record: the national heading, the manifest's own barcode, who
 * hands over to whom and when, one row per item with its item-code barcode, totals, and the
 * two signature boxes. Pure: composed marks, drawn by {@link PdfRenderer}.
 */
public final class ManifestDocument {

  static final float WIDTH = 210;
  static final float HEIGHT = 297;
  private static final float ROW = 18;
  private static final float MODULE = 0.33f;
  private static final float BAR = 12.5f;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

  private final LabelComposer composer;

  public ManifestDocument(LabelComposer composer) {
    this.composer = composer;
  }

  public List<Composed> pages(Manifest manifest, Office office) {
    List<List<Composed.Mark>> pages = new ArrayList<>();
    List<Composed.Mark> page = new ArrayList<>();
    pages.add(page);
    float y = heading(page, manifest, office);
    y = tableHeader(page, y);
    int n = 0;
    for (Manifest.Item item : manifest.items()) {
      if (y + ROW > HEIGHT - 18) {
        page = new ArrayList<>();
        pages.add(page);
        y = tableHeader(page, 14);
      }
      row(page, y, ++n, item);
      y += ROW;
    }
    if (y + 62 > HEIGHT - 14) {
      page = new ArrayList<>();
      pages.add(page);
      y = 14;
    }
    closing(page, y + 4, manifest);
    List<Composed> composed = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      List<Composed.Mark> marks = pages.get(i);
      text(marks, 10, HEIGHT - 10, 190, 4.5f, Face.REGULAR, 8, Align.CENTER,
          "Biên bản " + manifest.code() + " · trang " + (i + 1) + "/" + pages.size());
      composed.add(new Composed(WIDTH, HEIGHT, marks));
    }
    return composed;
  }

  private float heading(List<Composed.Mark> m, Manifest manifest, Office office) {
    text(m, 10, 10, 125, 5, Face.BOLD, 10, Align.CENTER, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    text(m, 10, 15.5f, 125, 5, Face.BOLD, 10, Align.CENTER, "Độc lập - Tự do - Hạnh phúc");
    m.add(new Composed.Rule(52, 21.5f, 41, 0.3f));
    String code = manifest.code();
    boolean[] modules = Barcodes.code128(code);
    float barArea = (modules.length + 20) * MODULE;
    m.add(new Composed.Bars(WIDTH - 10 - barArea, 8, barArea, BAR, MODULE, 10, modules, code));
    text(m, WIDTH - 10 - barArea, 21, barArea, 5, Face.BOLD, 10, Align.CENTER, grouped(code));
    text(m, 10, 30, 190, 14, Face.BOLD, 14, Align.CENTER,
        "BIÊN BẢN BÀN GIAO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH QUA DỊCH VỤ BƯU CHÍNH CÔNG ÍCH");
    float y = 46;
    y = line(m, y, "Bên giao: " + office.name() + " (mã " + office.code() + "), "
        + office.address().oneLine());
    y = line(m, y, "Bên nhận: nhân viên bưu chính "
        + (manifest.courierName() == null ? "………………………………………" : manifest.courierName())
        + (manifest.postalUnit() == null ? "" : ", bưu cục " + manifest.postalUnit()));
    y = line(m, y, "Thời gian lập: " + manifest.createdAt().atZoneSameInstant(OrderQuery.VIETNAM)
        .format(WHEN) + ". Số bưu gửi: " + manifest.items().size() + ".");
    if (manifest.note() != null) {
      y = line(m, y, "Ghi chú: " + manifest.note());
    }
    return y + 3;
  }

  private float line(List<Composed.Mark> m, float y, String value) {
    text(m, 10, y, 190, 9.5f, Face.REGULAR, 10, Align.LEFT, value);
    return y + 10;
  }

  private float tableHeader(List<Composed.Mark> m, float y) {
    m.add(new Composed.Rule(10, y, 190, 0.3f));
    text(m, 10, y + 1.5f, 10, 5, Face.BOLD, 9, Align.CENTER, "STT");
    text(m, 20, y + 1.5f, 70, 5, Face.BOLD, 9, Align.CENTER, "Mã bưu gửi");
    text(m, 92, y + 1.5f, 70, 5, Face.BOLD, 9, Align.LEFT, "Mã hồ sơ · chiều");
    text(m, 162, y + 1.5f, 38, 5, Face.BOLD, 9, Align.RIGHT, "Thu hộ (đ)");
    m.add(new Composed.Rule(10, y + 7.5f, 190, 0.3f));
    return y + 8;
  }

  private void row(List<Composed.Mark> m, float y, int n, Manifest.Item item) {
    text(m, 10, y + 5, 10, 5, Face.REGULAR, 10, Align.CENTER, Integer.toString(n));
    boolean[] modules = Barcodes.code128(item.itemCode());
    m.add(new Composed.Bars(20, y + 1, 70, BAR, MODULE, 10, modules, item.itemCode()));
    text(m, 20, y + 14, 70, 3.8f, Face.REGULAR, 8, Align.CENTER, S10.grouped(item.itemCode()));
    text(m, 92, y + 3, 70, 5, Face.BOLD, 10, Align.LEFT, item.dossierCode());
    text(m, 92, y + 9, 70, 5, Face.REGULAR, 9, Align.LEFT,
        item.leg() == Leg.DELIVERY ? "Trả kết quả cho công dân" : "Hồ sơ nhận từ công dân");
    text(m, 92, y + 14, 70, 3.8f, Face.REGULAR, 8, Align.LEFT, item.place());
    text(m, 162, y + 5, 38, 5, Face.REGULAR, 10, Align.RIGHT,
        item.feeToCollect() == 0 ? "0" : LabelData.money(item.feeToCollect()).replace(" đ", ""));
    m.add(new Composed.Rule(10, y + ROW - 0.15f, 190, 0.15f));
  }

  private void closing(List<Composed.Mark> m, float y, Manifest manifest) {
    text(m, 10, y, 190, 6, Face.BOLD, 11, Align.LEFT,
        "Tổng số bưu gửi: " + manifest.items().size() + "   ·   Tổng tiền thu hộ: "
            + LabelData.money(manifest.totalFees()));
    text(m, 10, y + 7, 190, 10, Face.REGULAR, 9, Align.LEFT,
        "Hai bên đã kiểm đếm đủ số bưu gửi và niêm phong nguyên vẹn; bên nhận chịu trách nhiệm "
            + "chuyển phát theo Thông tư 17/2017/TT-BTTTT.");
    A4Sheet.signatures(composer, m, y + 19, 38, "ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN");
  }

  private void text(List<Composed.Mark> m, float x, float y, float w, float h, Face face,
      float size, Align align, String value) {
    A4Sheet.text(composer, m, x, y, w, h, face, size, align, value);
  }

  /** MF7K2M9Q4TXR → MF 7K2M 9Q4T XR, for people to read. */
  static String grouped(String code) {
    StringBuilder sb = new StringBuilder(code.substring(0, 2));
    for (int i = 2; i < code.length(); i += 4) {
      sb.append(' ').append(code, i, Math.min(code.length(), i + 4));
    }
    return sb.toString();
  }
}
