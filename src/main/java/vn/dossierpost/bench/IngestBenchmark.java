package vn.dossierpost.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.db.Database;
import vn.dossierpost.http.StandardWebhooks;
import vn.dossierpost.label.S10;

/**
 * Tracking ingest: signed single-event webhooks (events/s, p50/p99 at the maximum and at 70 %
 * of it) and 100-event batches (events/s), against the database's own ceiling with the same
 * durability measured in the same run by pgbench: one-row-insert transactions/s and rows/s of
 * 100-row inserts into a table as wide as the event store.
 */
final class IngestBenchmark {

  private static final int ORDERS = 20_000;
  private static final ZoneOffset VN = ZoneOffset.ofHours(7);
  private static final int[] CODES = {7, 10, 11, 3, 2};

  private IngestBenchmark() {
  }

  static void run(String[] args) throws Exception {
    JsonObject results = new JsonObject().put("machine", Report.machine());
    System.out.println("starting the service (-Xmx256m)…");
    try (ServiceProcess service = ServiceProcess.start("256m", Map.of("DP_RATE_LIMIT_PER_MINUTE",
        "1000000", "DP_SIMULATOR_AUTOPLAY", "false", "DP_SIMULATOR_PUSH", "false"))) {
      Vertx vertx = Vertx.vertx();
      WebClient client = HttpLoad.client(vertx, 256);
      int pgPort = Integer.parseInt(service.value("pgPort"));
      Pool db = Database.pool(vertx, new DatabaseTarget("localhost", pgPort, "postgres", "postgres", ""), 4);
      List<String> items = seedOrders(db, service.value("DP_DEMO_OFFICE"));
      String secret = service.value("DP_DEMO_CARRIER_SECRET");
      String url = service.baseUrl() + "/api/v1/carrier/events";
      long[] clock = {Instant.now().minusSeconds(86_400).toEpochMilli()};
      Function<Long, Future<HttpResponse<Buffer>>> single = n -> post(client, url, secret,
          record(items.get((int) (n % items.size())), n, clock[0] + n));
      Function<Long, Future<HttpResponse<Buffer>>> batch = n -> {
        JsonArray events = new JsonArray();
        for (int i = 0; i < 100; i++) {
          long k = 10_000_000L + n * 100 + i;
          events.add(record(items.get((int) (k % items.size())), k, clock[0] + k));
        }
        return post(client, url, secret, new JsonObject().put("events", events));
      };

      System.out.println("warming up…");
      HttpLoad.closedLoop(vertx, single, 64, Duration.ofSeconds(5));
      if (Boolean.getBoolean("bench.quick")) {
        HttpLoad.Result quick = HttpLoad.closedLoop(vertx, single, 128, Duration.ofSeconds(15));
        HttpLoad.Result quickBatch = HttpLoad.closedLoop(vertx, batch, 8, Duration.ofSeconds(10));
        System.out.println("single " + quick + "\nbatch events/s " + quickBatch.perSecond() * 100
            + "\n" + groupCommit(client, service.baseUrl()));
        vertx.close();
        return;
      }
      double gcBefore = LabelBenchmark.gcSeconds(client, service.baseUrl());
      long t0 = System.nanoTime();
      HttpLoad.Result singleMax = HttpLoad.closedLoop(vertx, single, 128, Duration.ofSeconds(15));
      HttpLoad.Result singleAt70 = HttpLoad.openLoop(vertx, single, singleMax.perSecond() * 0.7,
          Duration.ofSeconds(15));
      HttpLoad.Result batches = HttpLoad.closedLoop(vertx, batch, 8, Duration.ofSeconds(15));
      double gcShare = (LabelBenchmark.gcSeconds(client, service.baseUrl()) - gcBefore)
          / ((System.nanoTime() - t0) / 1e9);
      JsonObject commit = groupCommit(client, service.baseUrl());
      long stored = TestCount.count(db, "SELECT count(*) FROM order_events WHERE source = 'WEBHOOK'");

      System.out.println("measuring the database's own ceiling with pgbench…");
      JsonObject ceiling = pgbench(pgPort);
      TestCount.count(db, "SELECT 1");
      db.close();
      vertx.close();

      double oneRowTps = ceiling.getDouble("oneRowTps");
      double batchRows = ceiling.getDouble("hundredRowRowsPerSecond");
      results.put("singleEventWebhooks", new JsonObject().put("max", singleMax.toJson())
              .put("at70Percent", singleAt70.toJson())
              .put("eventsPerSecond", singleMax.perSecond() - 0))
          .put("hundredEventBatches", new JsonObject().put("requests", batches.toJson())
              .put("eventsPerSecond", batches.perSecond() * 100))
          .put("database", ceiling)
          .put("ratios", new JsonObject()
              .put("singleVsOneRowTps", singleMax.perSecond() / oneRowTps)
              .put("batchVsHundredRowRows", batches.perSecond() * 100 / batchRows))
          .put("eventsStored", stored)
          .put("groupCommit", commit)
          .put("serviceHeap", "-Xmx256m").put("gcTimeShare", gcShare);
    }
    System.out.println(results.encodePrettily());
    Report.write("ingest", results, table(results));
  }

  /** Booked orders written straight into the service's database: 20,000 item codes to track. */
  private static List<String> seedOrders(Pool db, String office) {
    List<String> items = new ArrayList<>(ORDERS);
    List<Tuple> rows = new ArrayList<>();
    String run = Long.toString(System.currentTimeMillis() % 100_000);
    for (int i = 0; i < ORDERS; i++) {
      String item = S10.of("EC", 10_000_000L + i, "VN");
      items.add(item);
      rows.add(Tuple.of(UUID.randomUUID(), office,
          office + "-2501" + String.format("%02d", 1 + i / 10_000) + "-" + String.format("%04d", i % 10_000),
          "B" + run + "-" + i, item));
    }
    HttpLoad.await(db.preparedQuery("""
        INSERT INTO orders (id, office_code, dossier_code, procedure_code, leg, status, order_number,
                            item_code, citizen_name, citizen_phone, address_line, commune_code,
                            province_code, contents, fee_to_collect, notify_sms, booked_at)
        VALUES ($1, $2, $3, '1.001234', 'DELIVERY', 'BOOKED', $4, $5, 'Nguyễn Văn An', '+84912345678',
                '12 Tràng Tiền', '00070', '01', 'Giấy chứng nhận', 0, true, now())
        """).executeBatch(rows), Duration.ofMinutes(2));
    return items;
  }

  private static JsonObject record(String item, long n, long epochMillis) {
    return new JsonObject().put("OrderNumber", "bench").put("ItemCode", item)
        .put("StatusCode", CODES[(int) (n % CODES.length)]).put("StatusMessage", "Bưu cục")
        .put("StatusDate", OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), VN).toString())
        .put("PostOfficeCode", "010000").put("PostOfficeName", "Bưu cục trung tâm Hà Nội");
  }

  private static Future<HttpResponse<Buffer>> post(WebClient client, String url, String secret,
      JsonObject body) {
    Buffer raw = body.toBuffer();
    String id = "msg_" + UUID.randomUUID();
    long ts = System.currentTimeMillis() / 1000;
    return client.postAbs(url).timeout(30_000)
        .putHeader("Content-Type", "application/json")
        .putHeader("webhook-id", id)
        .putHeader("webhook-timestamp", Long.toString(ts))
        .putHeader("webhook-signature", StandardWebhooks.sign(secret, id, ts, raw.getBytes()))
        .sendBuffer(raw);
  }

  /** How many events the service put in each transaction, from its own /metrics. */
  private static JsonObject groupCommit(WebClient client, String base) {
    String text = HttpLoad.await(client.getAbs(base + "/metrics").send(), Duration.ofSeconds(30)).bodyAsString();
    double count = 0;
    double sum = 0;
    double max = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("tracking_group_commit_events_count")) {
        count = value(line);
      } else if (line.startsWith("tracking_group_commit_events_sum")) {
        sum = value(line);
      } else if (line.startsWith("tracking_group_commit_events_max")) {
        max = value(line);
      }
    }
    return new JsonObject().put("transactions", count).put("eventsPerTransaction", count == 0 ? 0 : sum / count)
        .put("maxEventsInOneRecently", max);
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** pgbench against the same server: one-row insert transactions and 100-row inserts. */
  private static JsonObject pgbench(int port) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("pgbench");
    PgBench.psql(port, """
        CREATE TABLE IF NOT EXISTS bench_rows (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item_code text, code text,
          raw_code text, raw_text text, occurred_at timestamptz, received_at timestamptz DEFAULT now(),
          location_code text, location_name text, source text, dedup_key text, flags text[] DEFAULT '{}',
          UNIQUE (dedup_key, occurred_at));
        """);
    String row = "('EC100000003VN', 'ARRIVED_FACILITY', '7', 'Bưu cục', now(), '010000', "
        + "'Bưu cục trung tâm Hà Nội', 'WEBHOOK', md5(random()::text), '{}')";
    String columns = "INSERT INTO bench_rows (item_code, code, raw_code, raw_text, occurred_at, "
        + "location_code, location_name, source, dedup_key, flags) VALUES ";
    Path one = dir.resolve("one.sql");
    Files.writeString(one, columns + row + ";\n");
    Path hundred = dir.resolve("hundred.sql");
    Files.writeString(hundred, columns + String.join(", ", java.util.Collections.nCopies(100, row)) + ";\n");
    double oneTps = 0;
    int bestClients = 0;
    for (int clients : new int[] {16, 64}) {
      double tps = PgBench.tps(port, one, clients);
      if (tps > oneTps) {
        oneTps = tps;
        bestClients = clients;
      }
    }
    double hundredTps = PgBench.tps(port, hundred, 8);
    PgBench.psql(port, "DROP TABLE bench_rows;");
    return new JsonObject().put("oneRowTps", oneTps).put("oneRowClients", bestClients)
        .put("hundredRowTps", hundredTps).put("hundredRowRowsPerSecond", hundredTps * 100)
        .put("durability", "fsync=on, synchronous_commit=on (the service's embedded server)");
  }

  private static String table(JsonObject r) {
    JsonObject s = r.getJsonObject("singleEventWebhooks");
    JsonObject max = s.getJsonObject("max");
    JsonObject at70 = s.getJsonObject("at70Percent");
    JsonObject b = r.getJsonObject("hundredEventBatches");
    JsonObject d = r.getJsonObject("database");
    JsonObject ratios = r.getJsonObject("ratios");
    JsonObject m = r.getJsonObject("machine");
    JsonObject g = r.getJsonObject("groupCommit");
    return "## Tracking ingest (`Bench ingest`)\n\n"
        + "Measured " + m.getString("at") + " on " + m.getInteger("cores") + " cores. The service runs as its own "
        + "process (-Xmx256m) on its embedded PostgreSQL (fsync and synchronous_commit on); each event is a "
        + "signed Standard Webhooks POST for one of 20,000 booked orders, verified, parsed, group-committed and "
        + "reconciled (status, flags, outbox jobs) before the 2xx. pgbench measures the same server in the same "
        + "run.\n\n"
        + "| measure | result | database ceiling | ratio | target |\n|---|---:|---:|---:|---|\n"
        + "| single-event webhooks, events/s (128 in flight) | " + Report.f(max.getDouble("perSecond"))
        + " | " + Report.f(d.getDouble("oneRowTps")) + " one-row insert tx/s (" + d.getInteger("oneRowClients")
        + " clients) | " + String.format("%.2f×", ratios.getDouble("singleVsOneRowTps")) + " | ≥ 1.5× |\n"
        + "| 100-event batches, events/s (8 in flight) | " + Report.f(b.getDouble("eventsPerSecond"))
        + " | " + Report.f(d.getDouble("hundredRowRowsPerSecond")) + " rows/s of 100-row inserts | "
        + String.format("%.2f×", ratios.getDouble("batchVsHundredRowRows")) + " | ≥ 0.3× |\n\n"
        + "Single events at the maximum: p50 " + Report.f(max.getDouble("p50Ms")) + " ms, p99 "
        + Report.f(max.getDouble("p99Ms")) + " ms. At 70 % of it (open loop, "
        + Report.f(at70.getDouble("perSecond")) + "/s): p50 " + Report.f(at70.getDouble("p50Ms"))
        + " ms, p99 " + Report.f(at70.getDouble("p99Ms")) + " ms (target ≤ 50 ms), errors "
        + at70.getLong("errors") + ". Group commit put " + String.format("%.1f", g.getDouble("eventsPerTransaction"))
        + " events in a transaction on average. GC time " + String.format("%.1f", r.getDouble("gcTimeShare") * 100)
        + " % of the run.\n";
  }

  /** Small helper to read one number. */
  private static final class TestCount {
    static long count(Pool db, String sql) {
      return HttpLoad.await(db.query(sql).execute(), Duration.ofSeconds(60)).iterator().next().getLong(0);
    }
  }
}
