package vn.dossierpost.label;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import vn.dossierpost.access.Office;
import vn.dossierpost.bench.HttpLoad;
import vn.dossierpost.bench.Report;
import vn.dossierpost.geo.Address;
import vn.dossierpost.order.Citizen;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.ServiceProcess;

/**
 * Labels per second per format, on one thread and on every core, against the straightforward
 * way; a PDF batch of 500; and single-label requests to the running service under load.
 */
public final class LabelBenchmark {

  private static final Duration RUN = Duration.ofSeconds(4);
  private static final String[] NAMES = {"Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Phúc",
      "Phạm Thị Thu Hằng", "Công Tôn Nữ Thị Huyền Trân", "Đặng Quốc Việt"};

  private LabelBenchmark() {
  }

  public static void run(String[] args) throws Exception {
    Labels labels = Labels.load();
    IntFunction<LabelData> data = LabelBenchmark::label;
    int cores = Runtime.getRuntime().availableProcessors();
    JsonObject results = new JsonObject().put("machine", Report.machine());
    // the service first, while this JVM is fresh: its own garbage would show as latency
    JsonObject http = http();

    System.out.println("warming up…");
    rate(1, Duration.ofSeconds(3), i -> png(labels, data.apply(i), 203));
    rate(1, Duration.ofSeconds(2), i -> zpl(labels, data.apply(i)));
    NaiveLabel naive = new NaiveLabel(labels.fonts());
    rate(1, Duration.ofSeconds(2), i -> naive.png(labels.compose(data.apply(i)), 203));

    JsonObject formats = new JsonObject();
    formats.put("png203", measure(cores, i -> png(labels, data.apply(i), 203)));
    formats.put("png300", measure(cores, i -> png(labels, data.apply(i), 300)));
    formats.put("zpl", measure(cores, i -> zpl(labels, data.apply(i))));
    formats.put("pdfSingle", measure(cores, i -> labels.render(List.of(data.apply(i)),
        LabelFormat.PDF, Labels.Media.THERMAL, 203, "b")));
    formats.put("naivePng203", new JsonObject().put("oneThread",
        rate(1, RUN, i -> naive.png(labels.compose(data.apply(i)), 203))));
    results.put("labelsPerSecond", formats);

    long size = 0;
    for (int i = 0; i < 100; i++) {
      size += PngEncoder.encode(labels.raster().render(labels.compose(data.apply(i)), 203), 203).length;
    }
    results.put("pngBytesAverage", size / 100);

    List<Double> batchMs = new ArrayList<>();
    List<LabelData> five = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      five.add(data.apply(900_000 + i));
    }
    for (int i = 0; i < 8; i++) {
      long t0 = System.nanoTime();
      labels.render(five, LabelFormat.PDF, Labels.Media.THERMAL, 203, "batch");
      batchMs.add((System.nanoTime() - t0) / 1e6);
    }
    batchMs.sort(Double::compare);
    long a4Start = System.nanoTime();
    byte[] a4 = labels.render(five, LabelFormat.PDF, Labels.Media.A4, 203, "batch").body();
    results.put("pdfBatch500", new JsonObject().put("medianMs", batchMs.get(batchMs.size() / 2))
        .put("bestMs", batchMs.get(0)).put("a4Ms", (System.nanoTime() - a4Start) / 1e6)
        .put("a4Bytes", a4.length));

    results.put("http", http);
    print(results);
    Report.write("labels", results, table(results));
  }

  private static JsonObject measure(int cores, IntConsumer work) throws InterruptedException {
    return new JsonObject().put("oneThread", rate(1, RUN, work)).put("allCores", rate(cores, RUN, work));
  }

  /** Labels per second made by {@code threads} threads in {@code duration}. */
  static double rate(int threads, Duration duration, IntConsumer work) throws InterruptedException {
    AtomicLong done = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(threads);
    long end = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int offset = t * 100_000;
      Thread thread = new Thread(() -> {
        int i = offset;
        while (System.nanoTime() < end) {
          work.accept(i++);
          done.incrementAndGet();
        }
        finished.countDown();
      });
      thread.start();
    }
    finished.await();
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static void png(Labels labels, LabelData data, int dpi) {
    labels.raster().png(labels.compose(data), dpi);
  }

  private static void zpl(Labels labels, LabelData data) {
    StringBuilder sb = new StringBuilder(4096);
    labels.zpl().label(sb, labels.compose(data), 203);
  }

  /** Single-label requests to the service in its own process, -Xmx256m. */
  private static JsonObject http() throws Exception {
    System.out.println("starting the service (-Xmx256m)…");
    try (ServiceProcess service = ServiceProcess.startJar("256m",
        Map.of("DP_RATE_LIMIT_PER_MINUTE", "1000000", "DP_SIMULATOR_AUTOPLAY", "false"))) {
      Vertx vertx = Vertx.vertx();
      WebClient client = HttpLoad.client(vertx, 64);
      String key = service.value("DP_DEMO_DESK_KEY");
      String office = service.value("DP_DEMO_OFFICE");
      List<String> ids = bookOrders(client, service.baseUrl(), key, office, 100);
      String base = service.baseUrl() + "/api/v1/orders/";
      java.util.function.Function<Long, io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> label =
          n -> HttpLoad.bearer(client.getAbs(base + ids.get((int) (n % ids.size())) + "/label?format=png"), key)
              .timeout(30_000).send();
      HttpLoad.closedLoop(vertx, label, 8, Duration.ofSeconds(5));
      double gcBefore = HttpLoad.gcSeconds(client, service.baseUrl());
      long t0 = System.nanoTime();
      HttpLoad.Result max = HttpLoad.closedLoop(vertx, label, 16, Duration.ofSeconds(10));
      double half = max.perSecond() * 0.5;
      HttpLoad.openLoop(vertx, label, half, Duration.ofSeconds(5));
      System.gc();
      List<HttpLoad.Result> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(HttpLoad.openLoop(vertx, label, half, Duration.ofSeconds(10)));
      }
      HttpLoad.Result atQuarter = HttpLoad.openLoop(vertx, label, max.perSecond() * 0.25,
          Duration.ofSeconds(10));
      double gcShare = (HttpLoad.gcSeconds(client, service.baseUrl()) - gcBefore) / ((System.nanoTime() - t0) / 1e9);
      vertx.close();
      runs.sort(java.util.Comparator.comparingDouble(HttpLoad.Result::p99Ms));
      JsonArray all = new JsonArray();
      runs.forEach(r -> all.add(r.toJson()));
      return new JsonObject().put("maxRate", max.toJson()).put("atHalfRate", runs.get(1).toJson())
          .put("atHalfRateRuns", all).put("atQuarterRate", atQuarter.toJson())
          .put("serviceHeap", "-Xmx256m").put("gcTimeShare", gcShare);
    }
  }

  static List<String> bookOrders(WebClient client, String base, String key, String office, int n)
      throws InterruptedException {
    String day = LocalDate.now().format(DateTimeFormatter.ofPattern("yyMMdd"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JsonObject order = new JsonObject()
          .put("dossierCode", office + "-" + day + "-" + String.format("%04d", 5000 + i))
          .put("procedureCode", "1.001234").put("leg", "DELIVERY")
          .put("citizen", new JsonObject().put("name", NAMES[i % NAMES.length]).put("phone", "0912345678")
              .put("address", new JsonObject().put("line", (i + 1) + " Tràng Tiền").put("communeCode", "00070")
                  .put("provinceCode", "01")))
          .put("contents", "Giấy chứng nhận quyền sử dụng đất").put("feeToCollect", 50_000);
      var response = HttpLoad.await(HttpLoad.bearer(client.postAbs(base + "/api/v1/orders"), key)
          .putHeader("Idempotency-Key", "bench-" + i).sendJsonObject(order), Duration.ofSeconds(30));
      ids.add(response.bodyAsJsonObject().getString("id"));
    }
    for (int tries = 0; tries < 120; tries++) {
      int booked = 0;
      for (String id : ids) {
        var response = HttpLoad.await(HttpLoad.bearer(client.getAbs(base + "/api/v1/orders/" + id), key)
            .send(), Duration.ofSeconds(30));
        if (response.bodyAsJsonObject().getString("itemCode") != null) {
          booked++;
        }
      }
      if (booked == ids.size()) {
        return ids;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("orders were not booked in time");
  }


  private static final Office OFFICE = new Office("000.00.12.H56",
      "Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa",
      new Address("Số 1 Trần Phú, phường Nha Trang", "22366", "56", null), "+842583822222", null,
      new JsonObject());
  private static final java.time.OffsetDateTime AT = java.time.OffsetDateTime.now();

  /**
   * The i-th label: its citizen's address, dossier code, item code and link are its own, so no
   * cache saves the work a real new label costs; the office's block repeats, as it does.
   */
  static LabelData label(int i) {
    Order order = new Order(UUID.randomUUID(), OFFICE.code(),
        "000.00.12.H56-251124-" + String.format("%04d", i % 10_000), "1.001234",
        i % 3 == 0 ? Leg.PICKUP : Leg.DELIVERY, OrderStatus.BOOKED, "x-" + i,
        S10.of("EB", 10_000_000L + i % 80_000_000, "VN"),
        new Citizen(NAMES[i % NAMES.length], "+84912345678",
            new Address("Số " + i + " ngõ 34 phố Tràng Tiền, phường Hoàn Kiếm", "00070", "01", null)),
        "Giấy chứng nhận quyền sử dụng đất số " + i, 50_000L * (i % 3), true, null, AT, AT, AT, AT, 1,
        0, List.of(), null);
    return LabelData.of(order, OFFICE, "https://tracuu.example.gov.vn/t/" + UUID.randomUUID(),
        LocalDate.of(2025, 11, 24));
  }

  private static void print(JsonObject results) {
    System.out.println(results.encodePrettily());
  }

  private static String table(JsonObject r) {
    JsonObject f = r.getJsonObject("labelsPerSecond");
    JsonObject http = r.getJsonObject("http");
    JsonObject max = http.getJsonObject("maxRate");
    JsonObject half = http.getJsonObject("atHalfRate");
    JsonObject quarter = http.getJsonObject("atQuarterRate");
    JsonObject m = r.getJsonObject("machine");
    return "## Labels (`Bench labels`)\n\n"
        + "Measured " + m.getString("at") + " on " + m.getInteger("cores") + " cores, Java "
        + m.getString("java") + ". Each label is made from its data, every one different (text fitted, "
        + "barcodes encoded) and rendered; ZPL counts one label's format (the font download is once "
        + "per batch).\n\n"
        + "| format | labels/s, 1 thread | labels/s, all cores | target |\n|---|---:|---:|---|\n"
        + row(f, "png203", "PNG 203 dpi (812×1218, 1-bit)", "≥ 1,000 per core")
        + row(f, "png300", "PNG 300 dpi (1200×1800, 1-bit)", "")
        + row(f, "zpl", "ZPL", "≥ 20,000")
        + row(f, "pdfSingle", "PDF, one label per file", "")
        + "| straightforward PNG (MatrixToImageWriter + Java2D + ImageIO) | "
        + Report.f(f.getJsonObject("naivePng203").getDouble("oneThread")) + " | | about 70 |\n\n"
        + "PNG average size: " + r.getLong("pngBytesAverage") + " bytes (target < 30 KB). "
        + "PDF batch of 500 thermal labels: median " + Report.f(r.getJsonObject("pdfBatch500").getDouble("medianMs"))
        + " ms, best " + Report.f(r.getJsonObject("pdfBatch500").getDouble("bestMs")) + " ms (target ≤ 1 s); "
        + "as A4 sheets: " + Report.f(r.getJsonObject("pdfBatch500").getDouble("a4Ms")) + " ms.\n\n"
        + "`GET /api/v1/orders/{id}/label?format=png` on the running service (-Xmx256m, own process, "
        + "loopback, simulator not moving items so that only labels are measured): "
        + "maximum " + Report.f(max.getDouble("perSecond")) + " requests/s (16 in flight); at half that rate "
        + "(open loop, " + Report.f(half.getDouble("perSecond")) + "/s, median of three 10 s runs): p50 "
        + Report.f(half.getDouble("p50Ms"))
 + " ms, p99 " + Report.f(half.getDouble("p99Ms")) + " ms (target ≤ 20 ms), errors "
        + half.getLong("errors") + "; at a quarter of it (" + Report.f(quarter.getDouble("perSecond"))
        + "/s): p50 " + Report.f(quarter.getDouble("p50Ms")) + " ms, p99 "
        + Report.f(quarter.getDouble("p99Ms")) + " ms. The load generator, the service and "
        + "PostgreSQL share the same two cores. GC time " + String.format("%.1f", http.getDouble("gcTimeShare") * 100)
        + " % of the run.\n";
  }

  private static String row(JsonObject f, String key, String name, String target) {
    JsonObject v = f.getJsonObject(key);
    return "| " + name + " | " + Report.f(v.getDouble("oneThread")) + " | "
        + Report.f(v.getDouble("allCores")) + " | " + target + " |\n";
  }

}
