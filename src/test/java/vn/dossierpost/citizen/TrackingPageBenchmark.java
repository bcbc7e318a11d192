package vn.dossierpost.citizen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.dossierpost.bench.HttpLoad;
import vn.dossierpost.bench.OpenLoop;
import vn.dossierpost.bench.PgBench;
import vn.dossierpost.bench.Report;
import vn.dossierpost.bench.Wrk;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.db.Database;
import vn.dossierpost.support.ServiceProcess;

/**
 * The public tracking page: {@code GET /t/{token}} as HTML for 20,000 orders with five events
 * each (pages/s at the maximum; p50/p99 at half of it, median of three open-loop runs), against
 * the database's own ceiling for the same statement the page runs (pgbench, prepared, the same
 * one indexed read with its timeline), measured on the same server in the same run, in turns
 * with the page's own maximum (three rounds; the median round is reported).
 */
public final class TrackingPageBenchmark {

  private static final int ORDERS = 20_000;

  private TrackingPageBenchmark() {
  }

  public static void run(String[] args) throws Exception {
    JsonObject results = new JsonObject().put("machine", Report.machine());
    System.out.println("starting the service (-Xmx256m)…");
    try (ServiceProcess service = ServiceProcess.startJar("256m", Map.of("DP_RATE_LIMIT_PER_MINUTE",
        "1000000", "DP_TRACKING_RATE_PER_MINUTE", "1000000", "DP_SIMULATOR_AUTOPLAY", "false",
        "DP_SIMULATOR_PUSH", "false", "DP_MAX_INFLIGHT_PER_CLIENT", "1024",
        "DP_MAX_CONNECTIONS_PER_ADDRESS", "1024"))) {
      Vertx vertx = Vertx.vertx();
      WebClient client = HttpLoad.client(vertx, 64);
      int pgPort = Integer.parseInt(service.value("pgPort"));
      Pool db = Database.pool(vertx, new DatabaseTarget("localhost", pgPort, "postgres", "postgres", ""), 4);
      System.out.println("seeding " + ORDERS + " orders with links and timelines…");
      seed(db, service.value("DP_DEMO_OFFICE"));
      db.close();
      String base = service.baseUrl() + "/t/";
      Function<Long, Future<HttpResponse<Buffer>>> page = n -> client.getAbs(service.baseUrl() + path(n))
          .putHeader("Accept", "text/html").timeout(30_000).send();
      HttpResponse<Buffer> sample = HttpLoad.await(page.apply(1L), Duration.ofSeconds(30));
      if (sample.statusCode() != 200) {
        throw new IllegalStateException("the page answered " + sample.statusCode());
      }

      // The maximum rates come from wrk when it is installed (it leaves the cores to the service,
      // as pgbench leaves them to PostgreSQL), else from the Java generator.
      boolean wrk = Wrk.available();
      Path pages = Files.createTempFile("pages", ".txt");
      Path healthPath = Files.createTempFile("health", ".txt");
      pages.toFile().deleteOnExit();
      healthPath.toFile().deleteOnExit();
      List<String> paths = new ArrayList<>();
      for (long n = 0; n < ORDERS; n++) {
        paths.add(path(n));
      }
      Files.write(pages, paths);
      Files.writeString(healthPath, "/health\n");
      String health = service.baseUrl() + "/health";
      java.net.URI uri = java.net.URI.create(service.baseUrl());
      java.util.function.LongFunction<byte[]> pageBytes = n -> OpenLoop.get(uri.getHost(), uri.getPort(),
          path(n), "Accept: text/html\r\n");
      byte[] healthBytes = OpenLoop.get(uri.getHost(), uri.getPort(), "/health", "");
      Function<Duration, HttpLoad.Result> pageMax = d -> wrk
          ? Wrk.closed(service.baseUrl() + "/", pages, Wrk.Shape.GET_PATH, false, 64, d)
          : HttpLoad.closedLoop(vertx, page, 64, d);
      System.out.println("warming up…" + (wrk ? " (maximum rates by wrk)" : " (wrk not found: maximum rates by the Java generator)"));
      HttpLoad.closedLoop(vertx, page, 32, Duration.ofSeconds(4));
      pageMax.apply(Duration.ofSeconds(5));
      // The same HTTP stack answering without the database: what the page costs on top of it.
      HttpLoad.Result bare = wrk ? Wrk.closed(health, healthPath, Wrk.Shape.GET_PATH, false, 64, Duration.ofSeconds(8))
          : HttpLoad.closedLoop(vertx, n -> client.getAbs(health).timeout(30_000).send(), 64, Duration.ofSeconds(8));
      if (Boolean.getBoolean("bench.quick")) {
        HttpLoad.Result quick = pageMax.apply(Duration.ofSeconds(10));
        double rate = Double.parseDouble(System.getProperty("bench.rate", "1000"));
        HttpLoad.Result open = OpenLoop.run(uri.getHost(), uri.getPort(), pageBytes, rate, Duration.ofSeconds(10), 64);
        HttpLoad.Result openHealth = OpenLoop.run(uri.getHost(), uri.getPort(), n -> healthBytes, rate, Duration.ofSeconds(10), 64);
        JsonObject pgAtRate = PgBench.atRate(pgPort, pageScript(), 2, rate, "-M", "prepared");
        System.out.println("health " + bare + "\npage " + quick + "\nopen " + open + "\nopenHealth " + openHealth
            + "\npgbench at the same rate " + pgAtRate);
        String metrics = HttpLoad.await(client.getAbs(service.baseUrl() + "/metrics").send(), Duration.ofSeconds(30))
            .bodyAsString();
        metrics.lines().filter(l -> l.startsWith("tracking_page_lookup")).forEach(System.out::println);
        vertx.close();
        return;
      }
      double gcBefore = HttpLoad.gcSeconds(client, service.baseUrl());
      long t0 = System.nanoTime();
      // The page's maximum and the database's ceiling, measured in turns (page, pgbench; three
      // times): this machine's speed drifts by tens of percent within minutes, and each ratio
      // compares two figures taken a few seconds apart. The median round is reported.
      System.out.println("maximum rates, in turns with pgbench…");
      Path script = pageScript();
      List<JsonObject> rounds = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        HttpLoad.Result pageRound = pageMax.apply(Duration.ofSeconds(10));
        double tps = PgBench.tps(pgPort, script, 16, "-M", "prepared");
        rounds.add(new JsonObject().put("pages", pageRound.toJson()).put("lookupsPerSecond", tps)
            .put("ratio", pageRound.perSecond() / tps));
      }
      rounds.sort(Comparator.comparingDouble(r -> r.getDouble("ratio")));
      JsonObject median = rounds.get(1);
      JsonObject max = median.getJsonObject("pages");
      double half = max.getDouble("perSecond") * 0.5;
      List<HttpLoad.Result> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(OpenLoop.run(uri.getHost(), uri.getPort(), pageBytes, half, Duration.ofSeconds(10), 64));
      }
      // The floor this machine puts under any answer: /health (no database) at the same rate.
      HttpLoad.Result healthAtHalf = OpenLoop.run(uri.getHost(), uri.getPort(), n -> healthBytes, half, Duration.ofSeconds(10), 64);
      double gcShare = (HttpLoad.gcSeconds(client, service.baseUrl()) - gcBefore)
          / ((System.nanoTime() - t0) / 1e9);
      vertx.close();
      runs.sort(Comparator.comparingDouble(HttpLoad.Result::p99Ms));
      JsonArray all = new JsonArray();
      runs.forEach(r -> all.add(r.toJson()));

      JsonObject ceiling = new JsonObject().put("tps", median.getDouble("lookupsPerSecond")).put("clients", 16)
          .put("statement", "the page's lookup (token → order, office, timeline as JSON), prepared");
      // The database alone at the page's half rate, latency counted the same way (open loop).
      // Two clients, as the service reads the page's rows on two pipelined connections (16 gave
      // a worse p99 here: 31 ms against 18 ms at 3,400/s).
      JsonObject databaseAtHalf = PgBench.atRate(pgPort, script, 2, half, "-M", "prepared");
      JsonArray maxRounds = new JsonArray();
      rounds.forEach(maxRounds::add);
      results.put("pages", new JsonObject().put("max", max).put("maxRounds", maxRounds).put("atHalfRate", runs.get(1).toJson())
              .put("atHalfRateRuns", all).put("pageBytes", sample.body().length()))
          .put("maximumBy", wrk ? "wrk -t2 -c64" : "Java generator, 64 in flight")
          .put("healthEndpoint", bare.toJson())
          .put("healthAtHalfRate", healthAtHalf.toJson())
          .put("database", ceiling)
          .put("databaseAtHalfRate", databaseAtHalf)
          .put("ratio", median.getDouble("ratio"))
          .put("serviceHeap", "-Xmx256m").put("gcTimeShare", gcShare);
    }
    System.out.println(results.encodePrettily());
    Report.write("tracking-page", results, table(results));
  }

  /** Request n's page: for order 7919·n mod 20,000, so that consecutive requests read far apart. */
  private static String path(long n) {
    return "/t/" + token((n * 7919) % ORDERS);
  }

  /** Order n's token: valid base64url, 27 characters, and computable in SQL for pgbench. */
  static String token(long n) {
    String digits = Long.toString(n);
    return "A".repeat(27 - digits.length()) + digits;
  }

  private static final String TOKEN_SQL = "lpad(%s::text, 27, 'A')";

  private static void seed(Pool db, String office) {
    HttpLoad.await(db.query("""
        WITH o AS (
          INSERT INTO orders (id, office_code, dossier_code, procedure_code, leg, status, order_number,
                              item_code, citizen_name, citizen_phone, address_line, commune_code,
                              province_code, contents, fee_to_collect, notify_sms, booked_at,
                              status_changed_at)
          SELECT gen_random_uuid(), '%1$s', '%1$s-2501' || lpad((1 + n / 10000)::text, 2, '0') || '-'
                   || lpad((n %% 10000)::text, 4, '0'),
                 '1.001234', 'DELIVERY', 'DELIVERY_FAILED', 'P' || n || '-D',
                 'ED' || lpad((10000000 + n)::text, 8, '0') || '5VN', 'Nguyễn Văn An', '+84912345678',
                 '12 Tràng Tiền', '00070', '01', 'Giấy chứng nhận', 50000, true,
                 now() - interval '2 days', now() - interval '1 hour'
          FROM generate_series(0, %2$d - 1) AS n
          RETURNING id, item_code, order_number
        ), t AS (
          INSERT INTO tracking_tokens (token_hash, order_id, generation)
          SELECT sha256(convert_to(lpad(substring(order_number FROM 2 FOR length(order_number) - 3), 27, 'A'),
                 'UTF8')), id, 1 FROM o
        )
        INSERT INTO order_events (order_id, item_code, code, raw_code, raw_text, occurred_at,
                                  location_code, location_name, reason, source, dedup_key)
        SELECT o.id, o.item_code, e.code, e.raw, e.text, now() - e.ago, '100000', 'Bưu cục Hoàn Kiếm',
               e.reason, 'WEBHOOK', 'bench:' || o.item_code || ':' || e.raw
        FROM o CROSS JOIN (VALUES
          ('BOOKING_CONFIRMED', '1', 'Đã tạo đơn', interval '2 days', NULL),
          ('COLLECTED', '6', 'Đã nhận hàng', interval '40 hours', NULL),
          ('ARRIVED_FACILITY', '11', 'Đến bưu cục', interval '20 hours', NULL),
          ('OUT_FOR_DELIVERY', '12', 'Đang phát', interval '3 hours', NULL),
          ('DELIVERY_FAILED', '15', 'Phát không thành công', interval '1 hour', 'Người nhận vắng nhà')
        ) AS e(code, raw, text, ago, reason)
        """.formatted(office, ORDERS)).execute(), Duration.ofMinutes(5));
    // Settled before measuring: otherwise autovacuum works through the fresh rows mid-run.
    for (String table : List.of("orders", "tracking_tokens", "order_events")) {
      HttpLoad.await(db.query("VACUUM (ANALYZE) " + table).execute(), Duration.ofMinutes(2));
    }
  }

  /** The page's own statement, token hashed in SQL, for a random order: a pgbench script. */
  private static Path pageScript() throws java.io.IOException {
    String lookup = TrackingPage.LOOKUP.replace("$1",
        "sha256(convert_to(" + TOKEN_SQL.formatted(":n") + ", 'UTF8'))");
    Path script = Files.createTempDirectory("pgbench").resolve("page.sql");
    Files.writeString(script, "\\set n random(0, " + (ORDERS - 1) + ")\n" + lookup.strip() + ";\n");
    return script;
  }

  public static String table(JsonObject r) {
    JsonObject p = r.getJsonObject("pages");
    JsonObject max = p.getJsonObject("max");
    JsonObject half = p.getJsonObject("atHalfRate");
    JsonObject d = r.getJsonObject("database");
    JsonObject m = r.getJsonObject("machine");
    return "## Public tracking page (`Bench tracking-page`)\n\n"
        + "Measured " + m.getString("at") + " on " + m.getInteger("cores") + " cores. The service runs as its own "
        + "process (-Xmx256m) on its embedded PostgreSQL with 20,000 orders, each with a link and five events; "
        + "each request is `GET /t/{token}` (HTML, " + p.getInteger("pageBytes") + " bytes) for a different "
        + "order. pgbench runs the page's own statement (prepared) on the same server in the same run. "
        + (Wrk.measured(r) ? "Maximum rates come from wrk (two threads, as pgbench's -j 2); "
            + "the runs at a fixed rate (open loop) from a lean single-thread generator of the benchmark's own (plain non-blocking sockets, latency counted from each request's scheduled time).\n\n" : "\n\n")
        + "| measure | result | database ceiling | ratio | target |\n|---|---:|---:|---:|---|\n"
        + "| pages/s (64 in flight" + (Wrk.measured(r) ? ", wrk" : "")
        + (p.containsKey("maxRounds") ? "; median of three 10 s rounds, each beside its own pgbench run" : "")
        + ") | " + Report.f(max.getDouble("perSecond")) + " | "
        + Report.f(d.getDouble("tps")) + " lookups/s (" + d.getInteger("clients") + " clients) | "
        + String.format("%.2f×", r.getDouble("ratio")) + " | ≥ 0.5× |\n"
        + "| p99 at half the maximum (open loop, " + Report.f(half.getDouble("perSecond")) + "/s, median of three "
        + "10 s runs) | " + Report.f(half.getDouble("p99Ms")) + " ms | "
        + (r.containsKey("databaseAtHalfRate") ? Report.f(r.getJsonObject("databaseAtHalfRate").getDouble("p99Ms"))
            + " ms (pgbench -R, " + r.getJsonObject("databaseAtHalfRate").getInteger("clients")
            + " clients, the same rate) | " : " | ")
        + " | ≤ 10 ms |\n\n"
        + (p.containsKey("maxRounds") ? "Rounds (pages/s ÷ lookups/s): " + String.join(", ",
            p.getJsonArray("maxRounds").stream().map(x -> (JsonObject) x).map(x -> Report.f(x.getJsonObject("pages")
                .getDouble("perSecond")) + " ÷ " + Report.f(x.getDouble("lookupsPerSecond")) + " = "
                + String.format("%.2f×", x.getDouble("ratio"))).toList()) + ". " : "")
        + "At the maximum: p50 " + Report.f(max.getDouble("p50Ms")) + " ms, p99 " + Report.f(max.getDouble("p99Ms"))
        + " ms. At half: p50 " + Report.f(half.getDouble("p50Ms")) + " ms, errors " + half.getLong("errors")
        + ". The load generator, the service and PostgreSQL share the same cores; for scale, `GET /health` "
        + "(the same HTTP stack, no database) answers " + Report.f(r.getJsonObject("healthEndpoint").getDouble("perSecond"))
        + "/s here, and at the page's half rate (open loop) its p99 is "
        + Report.f(r.getJsonObject("healthAtHalfRate").getDouble("p99Ms")) + " ms (p50 "
        + Report.f(r.getJsonObject("healthAtHalfRate").getDouble("p50Ms")) + " ms): the floor this machine puts under "
        + "any answer. Kernel memory monitor (DAMON): " + m.getString("kernelDamon", "not recorded") + ". GC time "
        + String.format("%.1f", r.getDouble("gcTimeShare") * 100) + " % of the run.\n";
  }
}
