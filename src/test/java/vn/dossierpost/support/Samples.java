package vn.dossierpost.support;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid requests to start from; tests change one thing at a time. */
public final class Samples {

  private static final AtomicInteger SEQUENCE =
      new AtomicInteger(1000 + (int) (Math.random() * 4000));

  private Samples() {
  }

  /** A dossier code of {@code office}, received today, with a sequence unique in this JVM. */
  public static String dossierCode(String office) {
    String day = LocalDate.now().format(DateTimeFormatter.ofPattern("yyMMdd"));
    return office + "-" + day + "-" + String.format("%04d", SEQUENCE.incrementAndGet() % 10_000);
  }

  public static JsonObject order(String dossierCode, String leg) {
    return new JsonObject()
        .put("dossierCode", dossierCode)
        .put("procedureCode", "1.001234")
        .put("leg", leg)
        .put("citizen", new JsonObject()
            .put("name", "Nguyễn Văn An")
            .put("phone", "0912345678")
            .put("address", new JsonObject()
                .put("line", "12 Tràng Tiền")
                .put("communeCode", "00070")
                .put("provinceCode", "01")))
        .put("contents", "Giấy chứng nhận quyền sử dụng đất")
        .put("feeToCollect", 50000)
        .put("notifySms", true);
  }

  /**
   * Moves the citizen to Đặc khu Thổ Châu (An Giang): a real commune, so the service accepts it,
   * which the simulated carrier refuses with UNSERVED_AREA.
   */
  public static JsonObject unserved(JsonObject order) {
    order.getJsonObject("citizen").getJsonObject("address")
        .put("communeCode", vn.dossierpost.carrier.simulator.SimulatedCarrier.UNSERVED_COMMUNE)
        .put("provinceCode", "91");
    return order;
  }
}
