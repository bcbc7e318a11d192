package vn.dossierpost.label;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import vn.dossierpost.label.LabelFonts.Face;
import vn.dossierpost.label.LabelLayout.Align;
import vn.dossierpost.order.OrderQuery;
import vn.dossierpost.s10.S10;

/**
 * The A4 pages of a post → desk handover record (Circular 17/2017 Art. 5, step 7): heading, the
 * record's barcode (the desk scans it to receive the batch), one row per dossier with the
 * components listed at pickup and counted at the desk, the seal, the fee handed over and what
 * differed; totals and the two signature boxes. Pure, like {@link ManifestDocument}.
 */
final class HandoverDocument {

  private static final float WIDTH = ManifestDocument.WIDTH;
  private static final float HEIGHT = ManifestDocument.HEIGHT;
  private static final float ROW = 16;
  private static final float MODULE = 0.33f;
  private static final float BAR = 12.5f;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

  private final LabelComposer composer;

  HandoverDocument(LabelComposer composer) {
    this.composer = composer;
  }

  List<Composed> pages(HandoverRecord record) {
    List<List<Composed.Mark>> pages = new ArrayList<>();
    List<Composed.Mark> page = new ArrayList<>();
    pages.add(page);
    float y = heading(page, record);
    y = tableHeader(page, y);
    int n = 0;
    for (HandoverRecord.Row row : record.rows()) {
      if (y + ROW > HEIGHT - 18) {
        page = new ArrayList<>();
        pages.add(page);
        y = tableHeader(page, 14);
      }
      row(page, y, ++n, row, record.receivedAt() != null);
      y += ROW;
    }
    if (y + 66 > HEIGHT - 14) {
      page = new ArrayList<>();
      pages.add(page);
      y = 14;
    }
    closing(page, y + 4, record);
    List<Composed> composed = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      List<Composed.Mark> marks = pages.get(i);
      text(marks, 10, HEIGHT - 10, 190, 4.5f, Face.REGULAR, 8, Align.CENTER,
          "Biên bản giao nhận " + record.code() + " · trang " + (i + 1) + "/" + pages.size());
      composed.add(new Composed(WIDTH, HEIGHT, marks));
    }
    return composed;
  }

  private float heading(List<Composed.Mark> m, HandoverRecord record) {
    text(m, 10, 10, 125, 5, Face.BOLD, 10, Align.CENTER, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    text(m, 10, 15.5f, 125, 5, Face.BOLD, 10, Align.CENTER, "Độc lập - Tự do - Hạnh phúc");
    m.add(new Composed.Rule(52, 21.5f, 41, 0.3f));
    String code = record.code();
    boolean[] modules = Barcodes.code128(code);
    float barArea = (modules.length + 20) * MODULE;
    m.add(new Composed.Bars(WIDTH - 10 - barArea, 8, barArea, BAR, MODULE, 10, modules, code));
    text(m, WIDTH - 10 - barArea, 21, barArea, 5, Face.BOLD, 10, Align.CENTER,
        ManifestDocument.grouped(code));
    text(m, 10, 30, 190, 14, Face.BOLD, 14, Align.CENTER,
        "BIÊN BẢN GIAO NHẬN HỒ SƠ THỦ TỤC HÀNH CHÍNH QUA DỊCH VỤ BƯU CHÍNH CÔNG ÍCH");
    float y = 46;
    y = line(m, y, "Bên giao: nhân viên bưu chính "
        + (record.courierName() == null ? "………………………………………" : record.courierName())
        + ", bưu cục " + record.postalUnit());
    y = line(m, y, "Bên nhận: " + record.office().name() + " (mã " + record.office().code() + "), "
        + record.office().address().oneLine());
    y = line(m, y, "Lập lúc " + when(record.createdAt()) + ". "
        + (record.receivedAt() == null ? "Chưa tiếp nhận: danh sách để kiểm đếm và ký."
            : "Tiếp nhận lúc " + when(record.receivedAt()) + ".")
        + " Số hồ sơ: " + record.rows().size() + ".");
    return y + 3;
  }

  private static String when(java.time.OffsetDateTime at) {
    return at.atZoneSameInstant(OrderQuery.VIETNAM).format(WHEN);
  }

  private float line(List<Composed.Mark> m, float y, String value) {
    text(m, 10, y, 190, 9.5f, Face.REGULAR, 10, Align.LEFT, value);
    return y + 10;
  }

  private float tableHeader(List<Composed.Mark> m, float y) {
    m.add(new Composed.Rule(10, y, 190, 0.3f));
    text(m, 10, y + 1.5f, 8, 8, Face.BOLD, 8, Align.CENTER, "STT");
    text(m, 18, y + 1.5f, 58, 8, Face.BOLD, 8, Align.LEFT, "Mã hồ sơ · mã bưu gửi");
    text(m, 78, y + 1.5f, 44, 8, Face.BOLD, 8, Align.LEFT, "Thủ tục");
    text(m, 123, y + 1.5f, 21, 8, Face.BOLD, 8, Align.CENTER, "Thành phần (kê / nhận)");
    text(m, 145, y + 1.5f, 20, 8, Face.BOLD, 8, Align.CENTER, "Số niêm phong");
    text(m, 166, y + 1.5f, 34, 8, Face.BOLD, 8, Align.RIGHT, "Lệ phí bàn giao (đ)");
    m.add(new Composed.Rule(10, y + 10.5f, 190, 0.3f));
    return y + 11;
  }

  private void row(List<Composed.Mark> m, float y, int n, HandoverRecord.Row row, boolean received) {
    text(m, 10, y + 2, 8, 5, Face.REGULAR, 9, Align.CENTER, Integer.toString(n));
    text(m, 18, y + 1, 58, 5, Face.BOLD, 9, Align.LEFT, row.dossierCode());
    text(m, 18, y + 6, 58, 4.5f, Face.REGULAR, 8, Align.LEFT, S10.grouped(row.itemCode()));
    text(m, 78, y + 1, 44, 9.5f, Face.REGULAR, 8, Align.LEFT,
        row.procedure() == null ? "" : row.procedure());
    text(m, 123, y + 2, 21, 5, Face.REGULAR, 9, Align.CENTER,
        row.expected() + " / " + (row.received() == null ? "……" : row.received()));
    text(m, 145, y + 2, 20, 5, Face.REGULAR, 8, Align.CENTER,
        row.sealNumber() == null ? "" : row.sealNumber());
    text(m, 166, y + 2, 34, 5, Face.REGULAR, 9, Align.RIGHT, !received ? "……"
        : row.feeHandedOver() == null || row.feeHandedOver() == 0 ? "0"
        : LabelData.money(row.feeHandedOver()).replace(" đ", ""));
    text(m, 18, y + 11, 182, 4.5f, Face.REGULAR, 8, Align.LEFT, !received ? ""
        : row.note() == null ? "Khớp với danh sách khi nhận hồ sơ." : "Chưa khớp: " + row.note());
    m.add(new Composed.Rule(10, y + ROW - 0.15f, 190, 0.15f));
  }

  private void closing(List<Composed.Mark> m, float y, HandoverRecord record) {
    boolean received = record.receivedAt() != null;
    text(m, 10, y, 190, 6, Face.BOLD, 10, Align.LEFT, "Tổng số hồ sơ: " + record.rows().size()
        + "   ·   Thành phần kê khai: " + record.totalExpected()
        + (received ? "   ·   Thành phần nhận: " + record.totalReceived()
            + "   ·   Hồ sơ chưa khớp: " + record.discrepancies()
            + "   ·   Lệ phí bàn giao: " + LabelData.money(record.totalFees()) : ""));
    text(m, 10, y + 7, 190, 10, Face.REGULAR, 9, Align.LEFT,
        "Hai bên đã kiểm đếm lại thành phần hồ sơ theo danh sách lập khi nhận, kiểm tra niêm phong "
            + "và bàn giao lệ phí đã thu hộ theo Thông tư 17/2017/TT-BTTTT, Điều 5.");
    A4Sheet.signatures(composer, m, y + 19, 40, "BƯU TÁ / NHÂN VIÊN BƯU CHÍNH", "CÁN BỘ TIẾP NHẬN");
  }

  private void text(List<Composed.Mark> m, float x, float y, float w, float h, Face face,
      float size, Align align, String value) {
    A4Sheet.text(composer, m, x, y, w, h, face, size, align, value);
  }
}
