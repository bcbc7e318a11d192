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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.db.Database;
import vn.dossierpost.db.Unnest;
import vn.dossierpost.http.StandardWebhooks;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.ServiceProcess;

/**
 * Tracking ingest: signed single-event webhooks (events/s, p50/p99 at the maximum and at 70 %
 * of it) and 100-event batches (events/s), against the database's own ceiling with the same
 * durability measured in the same run by pgbench: one-row-insert transactions/s and rows/s of
 * 100-row inserts into a table as wide as the event store.
 */
final class IngestBenchmark {

  private static final int ORDERS = 100_000;
  /**
   * An order's journey as the carrier reports it (DELIVERY leg, from BOOKED): booking confirmed,
   * postman assigned, collected from the desk, arrived at a post office (IN_TRANSIT), departed,
   * arrived, out for delivery, delivered. Four of the eight move the status; three of those
   * have a citizen SMS (collected, out for delivery, delivered).
   */
  static final int[] JOURNEY = {1, 2, 6, 7, 10, 11, 12, 14};
  /** Orders whose journeys are interleaved: step s of 1,000 orders, then step s + 1 of them. */
  private static final int INTERLEAVE = 1_000;
  private static final ZoneOffset VN = ZoneOffset.ofHours(7);

  private IngestBenchmark() {
  }

  static void run(String[] args) throws Exception {
    JsonObject results = new JsonObject().put("machine", Report.machine());
    System.out.println("starting the service (-Xmx256m)…");
    // Quiet hours put far from now, so that the citizens' SMS go out during the run whatever
    // the time of day (in quiet hours they would be deferred, a cheaper path).
    java.time.LocalTime quiet = java.time.LocalTime.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusHours(12)
        .withSecond(0).withNano(0);
    String quietHours = String.format("%1$tH:%1$tM-%2$tH:%2$tM", quiet, quiet.plusMinutes(1));
    try (ServiceProcess service = ServiceProcess.startJar("256m", Map.of("DP_RATE_LIMIT_PER_MINUTE",
        "1000000", "DP_SIMULATOR_AUTOPLAY", "false", "DP_SIMULATOR_PUSH", "false",
        "DP_SMS_QUIET_HOURS", quietHours,
        // the one-stop receiver below listens on loopback over http
        "DP_CALLBACK_ALLOW_PRIVATE", "true",
        // one load generator, one address: only the global in-flight bound may apply to it
        "DP_MAX_INFLIGHT_PER_CLIENT", "1024", "DP_MAX_CONNECTIONS_PER_ADDRESS", "1024"))) {
      Vertx vertx = Vertx.vertx();
      WebClient client = HttpLoad.client(vertx, 256);
      int pgPort = Integer.parseInt(service.value("pgPort"));
      Pool db = Database.pool(vertx, new DatabaseTarget("localhost", pgPort, "postgres", "postgres", ""), 4);
      List<String> items = seedOrders(db, service.value("DP_DEMO_OFFICE"));
      // The office's one-stop system: every status change becomes a signed callback, delivered
      // to this receiver while the events come in, as it would be in production.
      AtomicLong callbacks = new AtomicLong();
      io.vertx.core.http.HttpServer receiver = HttpLoad.await(vertx.createHttpServer().requestHandler(req ->
          req.body().onComplete(b -> {
            callbacks.incrementAndGet();
            req.response().setStatusCode(204).end();
          })).listen(0, "localhost"), Duration.ofSeconds(10));
      HttpLoad.await(db.preparedQuery("UPDATE offices SET callback_url = $1, callback_secret = $2 WHERE code = $3")
          .execute(Tuple.of("http://localhost:" + receiver.actualPort() + "/one-stop",
              "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]),
              service.value("DP_DEMO_OFFICE"))), Duration.ofSeconds(10));
      String secret = service.value("DP_DEMO_CARRIER_SECRET");
      String url = service.baseUrl() + "/api/v1/carrier/events";
      long clock = Instant.now().minusSeconds(86_400).toEpochMilli();
      LongFunction<JsonObject> event = k -> journeyEvent(items, k, clock);
      // Every event of the run is different (one sequence across all phases), so none is
      // dropped as a duplicate, and every stretch of the sequence has the same mix: half the
      // events move an order on, as along a real journey.
      AtomicLong seq = new AtomicLong();
      Function<Long, Future<HttpResponse<Buffer>>> single = n -> {
        long k = seq.getAndIncrement();
        return post(client, url, secret, event.apply(k));
      };
      Function<Long, Future<HttpResponse<Buffer>>> batch = n -> post(client, url, secret,
          batchBody(event, seq.getAndAdd(100)));
      // The maximum rates come from wrk when it is installed: the Java generator spends as much
      // CPU as the service it measures on two cores; wrk leaves the cores to the service, as
      // pgbench leaves them to PostgreSQL.
      boolean wrk = Wrk.available();
      // Single events have come at up to 22,000 a second: the file holds 32,000 a second, so
      // that no request is sent twice (wrk stops the run if it reaches the end).
      String wrong = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
      Function<Duration, HttpLoad.Result> singleMax = d -> wrk
          ? Wrk.closed(url, signedFile(secret, 32_000 * d.toSeconds(), event, seq, 1),
              Wrk.Shape.SIGNED_POST, true, 128, d)
          : HttpLoad.closedLoop(vertx, single, 128, d);
      // The batches have come at up to 170,000 events/s: 2,600 requests a second of file (65 MB a
      // second), so that no request is sent twice.
      Function<Duration, HttpLoad.Result> batchMax = d -> wrk
          ? Wrk.closed(url, signedFile(secret, 2_600 * d.toSeconds(), k -> batchBody(event, k), seq, 100),
              Wrk.Shape.SIGNED_POST, true, 8, d)
          : HttpLoad.closedLoop(vertx, batch, 8, d);

      // First, while nothing else is running: the same signed request answered with no database
      // work at all. Signed with a wrong secret, it is refused (401) right after the HMAC check;
      // no way of storing events can make the service answer faster than this.
      System.out.println("measuring the HTTP stack alone (refused signatures)…"
          + (wrk ? " maximum rates by wrk" : " wrk not found: maximum rates by the Java generator"));
      Function<Duration, HttpLoad.Result> refusedMax = d -> wrk
          ? Wrk.closed(url, signedFile(wrong, 20_000, event, new AtomicLong(), 1), Wrk.Shape.SIGNED_POST,
              false, 128, d)
          : HttpLoad.closedLoop(vertx, n -> post(client, url, wrong, event.apply(n)), 128, d);
      refusedMax.apply(Duration.ofSeconds(5));
      HttpLoad.Result refused = refusedMax.apply(Duration.ofSeconds(10));
      System.out.println("warming up…");
      // Long enough for the JIT to settle: after 5 s its compiler still took a third of the CPU.
      long warmStart = System.nanoTime();
      java.net.URI uri = java.net.URI.create(url);
      HttpLoad.Result warm = HttpLoad.closedLoop(vertx, single, 64, Duration.ofSeconds(15));
      // Every round of the maximum starts with nothing left to reconcile, the first one too:
      // started while the warm-up's events were still being reconciled, it measured the service
      // with that catch-up beside it (the slowest of the three rounds, by 9 % to 47 %).
      System.out.printf("warm-up reconciled in %.1f s%n", drain(db));
      if ("at70".equals(System.getProperty("bench.quick"))) {
        // Quick look at the latency: the maximum, a drain, then 70 % of it.
        HttpLoad.Result max = singleMax.apply(Duration.ofSeconds(15));
        System.out.printf("single %s%ndrained in %.1f s%n", max, drain(db));
        checkpoint(db);
        // -Dbench.rate=N compares two builds at the same rate, whatever their maxima.
        double rate = Double.parseDouble(System.getProperty("bench.rate", String.valueOf(max.perSecond() * 0.7)));
        System.out.println("refused at 70 % " + at70(uri, wrong, event, new AtomicLong(), rate).run());
        JsonObject before = groupCommit(client, service.baseUrl());
        OpenLoop.Warmed quickAt70 = at70(uri, secret, event, seq, rate);
        System.out.println("at 70 % " + quickAt70.run() + "\n  warm-up " + quickAt70.warmup());
        System.out.println("before " + before + "\nafter  " + groupCommit(client, service.baseUrl())
            + "\ninbox " + TestCount.count(db, "SELECT coalesce(sum(events), 0) FROM event_inbox") + " events");
        vertx.close();
        return;
      }
      if (Boolean.getBoolean("bench.quick")) {
        HttpLoad.Result quick = singleMax.apply(Duration.ofSeconds(15));
        System.out.println("after single: " + groupCommit(client, service.baseUrl()) + "; inbox "
            + TestCount.count(db, "SELECT coalesce(sum(events), 0) FROM event_inbox") + " events");
        HttpLoad.Result quickBatch = batchMax.apply(Duration.ofSeconds(10));
        System.out.println("single " + quick + "\nbatch events/s " + quickBatch.perSecond() * 100
            + "\nwithout database " + refused + "\n" + groupCommit(client, service.baseUrl()));
        System.out.printf("inbox: ingested %.0f events/s over 20 s after the batches%n",
            ingestRate(db, Duration.ofSeconds(20)));
        vertx.close();
        return;
      }
      double gcBefore = HttpLoad.gcSeconds(client, service.baseUrl());
      long t0 = System.nanoTime();
      HttpLoad.Result singleMaxResult = singleMax.apply(Duration.ofSeconds(15));
      // At the maximum the side effects (SMS, callbacks) fall behind the events; the latency at
      // 70 % is measured once they have caught up, so that it is not a measure of that backlog.
      double drained = drain(db);
      // Every single event so far (warm-up and maximum) over the time from the first of them
      // until the last callback and SMS they caused was done: the rate the service keeps up
      // with, side effects included (a little low: no events came while wrk's requests were
      // being signed, but the outbox worked on).
      double withSideEffects = (warm.requests() + singleMaxResult.requests())
          / ((System.nanoTime() - warmStart) / 1e9);
      checkpoint(db);
      // The floor: the same rate of the same requests, refused right after the HMAC check, with
      // nothing running in the background. No storage can answer with a shorter tail.
      HttpLoad.Result refusedAt70 = at70(uri, wrong, event, new AtomicLong(), singleMaxResult.perSecond() * 0.7).run();
      OpenLoop.Warmed warmedAt70 = at70(uri, secret, event, seq, singleMaxResult.perSecond() * 0.7);
      HttpLoad.Result singleAt70 = warmedAt70.run();
      // pgbench measures the server once the events of the 70 % run and their side effects are
      // done: a worker still catching up would take the cores from it.
      double drainedAt70 = drain(db);
      System.out.println("measuring the database's own ceiling with pgbench…");
      JsonObject ceiling = pgbench(pgPort, singleAt70.perSecond());
      // The machine's speed drifts from one minute to the next, the service's and PostgreSQL's
      // alike: two more rounds of each, alternating, and the ratio compares the medians.
      List<Double> serviceRounds = new ArrayList<>(List.of(singleMaxResult.perSecond()));
      List<Double> databaseRounds = new ArrayList<>(List.of(ceiling.getDouble("oneRowTps")));
      JsonArray laterRounds = new JsonArray();
      for (int round = 2; round <= 3; round++) {
        System.out.println("round " + round + " of the single-event maximum and the one-row ceiling…");
        HttpLoad.Result again = singleMax.apply(Duration.ofSeconds(15));
        System.out.println("  service " + again);
        if (again.errors() > 0) {
          throw new IllegalStateException("round " + round + " had " + again.errors() + " failed requests");
        }
        laterRounds.add(again.toJson());
        serviceRounds.add(again.perSecond());
        drain(db);
        databaseRounds.add(bestOneRow(pgPort, Path.of(ceiling.getString("oneRowScript")))[0]);
        System.out.printf("  pgbench one-row %.0f tx/s%n", databaseRounds.get(databaseRounds.size() - 1));
        PgBench.psql(pgPort, "TRUNCATE bench_rows;");
      }
      PgBench.psql(pgPort, "DROP TABLE bench_rows;");
      ceiling.remove("oneRowScript");
      ceiling.put("oneRowTpsRounds", new JsonArray(databaseRounds)).put("oneRowTpsMedian", median(databaseRounds));
      HttpLoad.Result batches = batchMax.apply(Duration.ofSeconds(10));
      double gcShare = (HttpLoad.gcSeconds(client, service.baseUrl()) - gcBefore)
          / ((System.nanoTime() - t0) / 1e9);
      JsonObject commit = groupCommit(client, service.baseUrl());
      // The batches leave far more events in the inbox than the service reconciles in a minute:
      // the rate at which it works through them is measured, not the whole catch-up.
      long inboxAfterBatches = TestCount.count(db, "SELECT coalesce(sum(events), 0) FROM event_inbox");
      double ingestRate = ingestRate(db, Duration.ofSeconds(30));
      long stored = TestCount.count(db, "SELECT count(*) FROM order_events WHERE source = 'WEBHOOK'");
      long sideEffects = TestCount.count(db, "SELECT count(*) FROM outbox WHERE kind <> 'carrier.book'");
      long changes = TestCount.count(db, "SELECT count(*) FROM outbox WHERE kind = 'callback.send'");
      long sms = TestCount.count(db, "SELECT count(*) FROM sms_messages");
      db.close();
      vertx.close();

      double oneRowTps = ceiling.getDouble("oneRowTps");
      double batchRows = ceiling.getDouble("hundredRowRowsPerSecond");
      results.put("singleEventWebhooks", new JsonObject().put("max", singleMaxResult.toJson())
              .put("at70Percent", singleAt70.toJson())
              .put("at70PercentWarmup", warmedAt70.warmup().toJson())
              .put("at70Connections", AT70_CONNECTIONS)
              .put("refusedAt70Percent", refusedAt70.toJson())
              .put("eventsPerSecond", singleMaxResult.perSecond())
              .put("laterRounds", laterRounds)
              .put("eventsPerSecondRounds", new JsonArray(serviceRounds))
              .put("eventsPerSecondMedian", median(serviceRounds)))
          .put("hundredEventBatches", new JsonObject().put("requests", batches.toJson())
              .put("eventsPerSecond", batches.perSecond() * 100))
          .put("database", ceiling)
          .put("ratios", new JsonObject()
              .put("singleVsOneRowTps", median(serviceRounds) / median(databaseRounds))
              .put("singleVsOneRowTpsFirstRound", singleMaxResult.perSecond() / oneRowTps)
              .put("batchVsHundredRowRows", batches.perSecond() * 100 / batchRows))
          .put("maximumBy", wrk ? "wrk -t2" : "Java generator")
          .put("withoutDatabase", new JsonObject().put("requests", refused.toJson())
              .put("vsOneRowTps", refused.perSecond() / oneRowTps)
              .put("what", "the same signed single-event POST with a wrong signature: 401 after the HMAC check"))
          .put("catchUpSeconds", drained)
          .put("catchUpAfter70PercentSeconds", drainedAt70)
          .put("inboxEventsAfterBatches", inboxAfterBatches)
          .put("inboxIngestEventsPerSecond", ingestRate)
          .put("singleWithSideEffectsDone", withSideEffects)
          .put("eventsStored", stored)
          .put("sideEffectJobsWritten", sideEffects)
          .put("smsMessages", sms)
          .put("workload", "journeys of 8 carrier events per order (codes " + java.util.Arrays.toString(JOURNEY)
              + "), " + INTERLEAVE + " orders interleaved: half the events change a status")
          .put("statusChanges", changes)
          .put("callbacksReceived", callbacks.get())
          .put("groupCommit", commit)
          .put("serviceHeap", "-Xmx256m").put("gcTimeShare", gcShare);
    }
    System.out.println(results.encodePrettily());
    Report.write("ingest", results, table(results));
  }

  /** Booked orders written straight into the service's database: {@value #ORDERS} item codes. */
  private static List<String> seedOrders(Pool db, String office) {
    List<String> items = new ArrayList<>(ORDERS);
    String run = Long.toString(System.currentTimeMillis() % 100_000);
    int chunk = 10_000;
    for (int from = 0; from < ORDERS; from += chunk) {
      List<Seed> seeds = new ArrayList<>(chunk);
      for (int i = from; i < Math.min(ORDERS, from + chunk); i++) {
        String item = S10.of("EC", 10_000_000L + i, "VN");
        items.add(item);
        seeds.add(new Seed(UUID.randomUUID(), office,
            office + "-2501" + String.format("%02d", 1 + i / 10_000) + "-" + String.format("%04d", i % 10_000),
            "B" + run + "-" + i, item, "+8491" + String.format("%07d", i)));
      }
      HttpLoad.await(db.preparedQuery("""
          INSERT INTO orders (id, office_code, dossier_code, procedure_code, leg, status, order_number,
                              item_code, citizen_name, citizen_phone, address_line, commune_code,
                              province_code, contents, fee_to_collect, notify_sms, booked_at)
          SELECT u.id, u.office, u.dossier, '1.001234', 'DELIVERY', 'BOOKED', u.number, u.item,
                 'Nguyễn Văn An', u.phone, '12 Tràng Tiền', '00070', '01', 'Giấy chứng nhận', 0, true, now()
          FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
               AS u(id, office, dossier, number, item, phone)
          """).execute(Unnest.of(seeds).uuids(Seed::id).strings(Seed::office).strings(Seed::dossier)
          .strings(Seed::number).strings(Seed::item).strings(Seed::phone).tuple()), Duration.ofMinutes(2));
    }
    HttpLoad.await(db.query("VACUUM (ANALYZE) orders").execute(), Duration.ofMinutes(2));
    return items;
  }

  /** One seeded order's own values. */
  private record Seed(UUID id, String office, String dossier, String number, String item, String phone) {
  }

  /**
   * Writes the dirty pages the catch-up left, before a latency run: a checkpoint due during it
   * would flush them all then, and the commits' WAL flushes would queue behind that writeback.
   * Each pgbench run starts the same way.
   */
  private static void checkpoint(Pool db) {
    HttpLoad.await(db.query("CHECKPOINT").execute(), Duration.ofMinutes(2));
  }

  /** Seconds at the run's rate before the 15 s measured, left out of its figures (OpenLoop). */
  private static final int AT70_WARMUP_SECONDS = 3;

  /**
   * Connections of the runs at 70 %, each carrying one request at a time. Enough that they are
   * not what limits the run (as wrk2 asks of its {@code -c}): with 128, at 8,850 requests a
   * second every connection is taken once answers take 14.5 ms; the requests due then wait in
   * the generator for a connection to come free, and are let through only as fast as answers
   * come back. A pause of the service left a standing backlog of 150 ms that took 3.5 s to
   * clear, and one of 370 ms at 9,600/s. The carrier's pushes do not wait for one another so.
   */
  static final int AT70_CONNECTIONS = 512;

  /**
   * Single events in an open loop at {@code rate} for 15 s, after a warm-up of
   * {@value #AT70_WARMUP_SECONDS} s at the same rate; latency counted from each one's scheduled
   * time.
   */
  private static OpenLoop.Warmed at70(java.net.URI uri, String secret, LongFunction<JsonObject> event,
      AtomicLong seq, double rate) {
    return OpenLoop.run(uri.getHost(), uri.getPort(), n -> {
      Signed signed = Signed.now(secret, event.apply(seq.getAndIncrement()));
      return OpenLoop.post(uri.getHost(), uri.getPort(), uri.getRawPath(), "Content-Type: application/json\r\n"
          + "webhook-id: " + signed.id() + "\r\nwebhook-timestamp: " + signed.timestamp()
          + "\r\nwebhook-signature: " + signed.signature() + "\r\n", signed.body());
    }, rate, Duration.ofSeconds(AT70_WARMUP_SECONDS), Duration.ofSeconds(15), AT70_CONNECTIONS);
  }

  /** Events ingested from the inbox per second over {@code period}, by the inbox's own size. */
  private static double ingestRate(Pool db, Duration period) throws InterruptedException {
    String waiting = "SELECT coalesce(sum(events), 0) FROM event_inbox";
    long before = TestCount.count(db, waiting);
    long start = System.nanoTime();
    Thread.sleep(period.toMillis());
    long after = TestCount.count(db, waiting);
    return (before - after) / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Seconds until the event inbox is empty and no outbox job is due any more (at most five
   * minutes): until every event acknowledged so far is reconciled and its side effects done.
   */
  private static double drain(Pool db) throws InterruptedException {
    long start = System.nanoTime();
    // Whether anything waits, not how much: counting a backlog of 100,000 jobs four times a
    // second took a fifth of PostgreSQL's time from the worker it waits for.
    while (System.nanoTime() - start < 300_000_000_000L && TestCount.count(db,
        "SELECT count(*) FROM (SELECT 1 FROM event_inbox LIMIT 1) i") + TestCount.count(db,
        "SELECT count(*) FROM (SELECT 1 FROM outbox WHERE status = 'PENDING' AND next_attempt_at <= now() LIMIT 1) d") > 0) {
      Thread.sleep(250);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static JsonObject batchBody(LongFunction<JsonObject> event, long first) {
    JsonArray events = new JsonArray();
    for (long k = first; k < first + 100; k++) {
      events.add(event.apply(k));
    }
    return new JsonObject().put("events", events);
  }

  /**
   * Requests for wrk, one per line (webhook-id, timestamp, signature, body; tab-separated),
   * signed now: {@code count} bodies, each made from the next {@code step} numbers of {@code seq}.
   */
  private static Path signedFile(String secret, long count, LongFunction<JsonObject> body,
      AtomicLong seq, int step) {
    try {
      Path file = Files.createTempFile("signed", ".tsv");
      file.toFile().deleteOnExit();
      try (var out = Files.newBufferedWriter(file)) {
        for (long i = 0; i < count; i++) {
          Signed signed = Signed.now(secret, body.apply(seq.getAndAdd(step)));
          out.write(signed.id() + "\t" + signed.timestamp() + "\t" + signed.signature() + "\t"
              + new String(signed.body(), java.nio.charset.StandardCharsets.UTF_8) + "\n");
        }
      }
      return file;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Event k of the run: orders are taken {@value #INTERLEAVE} at a time, and each of them gets
   * its journey's steps one round after another, an hour apart; past the last order the
   * journeys start again a minute later (events after the final status: kept, flagged).
   */
  static JsonObject journeyEvent(List<String> items, long k, long clockMillis) {
    long block = k / (JOURNEY.length * INTERLEAVE);
    int within = (int) (k % (JOURNEY.length * INTERLEAVE));
    long order = block * INTERLEAVE + within % INTERLEAVE;
    int step = within / INTERLEAVE;
    long again = order / items.size();
    long at = clockMillis + step * 3_600_000L + again * 60_000L + order % 1000;
    return record(items.get((int) (order % items.size())), JOURNEY[step], at);
  }

  private static JsonObject record(String item, int code, long epochMillis) {
    return new JsonObject().put("OrderNumber", "bench").put("ItemCode", item)
        .put("StatusCode", code).put("StatusMessage", "Bưu cục")
        .put("StatusDate", OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), VN).toString())
        .put("PostOfficeCode", "010000").put("PostOfficeName", "Bưu cục trung tâm Hà Nội");
  }

  private static Future<HttpResponse<Buffer>> post(WebClient client, String url, String secret,
      JsonObject body) {
    Signed signed = Signed.now(secret, body);
    return client.postAbs(url).timeout(30_000)
        .putHeader("Content-Type", "application/json")
        .putHeader("webhook-id", signed.id())
        .putHeader("webhook-timestamp", Long.toString(signed.timestamp()))
        .putHeader("webhook-signature", signed.signature())
        .sendBuffer(Buffer.buffer(signed.body()));
  }

  /** A body signed the Standard Webhooks way, with a fresh message id, at the current second. */
  private record Signed(String id, long timestamp, String signature, byte[] body) {
    static Signed now(String secret, JsonObject json) {
      byte[] raw = json.toBuffer().getBytes();
      String id = "msg_" + UUID.randomUUID();
      long ts = System.currentTimeMillis() / 1000;
      return new Signed(id, ts, StandardWebhooks.sign(secret, id, ts, raw), raw);
    }
  }


  /** How many events the service put in each transaction, from its own /metrics. */
  private static JsonObject groupCommit(WebClient client, String base) {
    String text = HttpLoad.await(client.getAbs(base + "/metrics").send(), Duration.ofSeconds(30)).bodyAsString();
    double count = 0;
    double sum = 0;
    double max = 0;
    double saturated = 0;
    double claimsYielding = 0;
    double claims = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("tracking_group_commit_saturated_total")) {
        saturated = value(line);
      } else if (line.startsWith("outbox_claims_total")) {
        claims += value(line);
        claimsYielding += line.contains("yielding=\"true\"") ? value(line) : 0;
      } else if (line.startsWith("tracking_group_commit_events_count")) {
        count = value(line);
      } else if (line.startsWith("tracking_group_commit_events_sum")) {
        sum = value(line);
      } else if (line.startsWith("tracking_group_commit_events_max")) {
        max = value(line);
      }
    }
    return new JsonObject().put("transactions", count).put("eventsPerTransaction", count == 0 ? 0 : sum / count)
        .put("maxEventsInOneRecently", max).put("timesSaturated", saturated)
        .put("outboxClaims", claims).put("outboxClaimsWhileYielding", claimsYielding);
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** The best one-row insert rate of 16 and 64 clients, and that number of clients. */
  private static double[] bestOneRow(int port, Path one) throws IOException, InterruptedException {
    double[] best = {0, 0};
    for (int clients : new int[] {16, 64}) {
      PgBench.psql(port, "CHECKPOINT;");
      double tps = PgBench.tps(port, one, clients);
      if (tps > best[0]) {
        best = new double[] {tps, clients};
      }
    }
    return best;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * pgbench against the same server: one-row insert transactions and 100-row inserts at their
   * maximum, and one-row inserts at {@code ratePerSecond} for their latency.
   */
  private static JsonObject pgbench(int port, double ratePerSecond) throws IOException, InterruptedException {
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
    double[] best = bestOneRow(port, one);
    double oneTps = best[0];
    int bestClients = (int) best[1];
    PgBench.psql(port, "CHECKPOINT;");
    double hundredTps = PgBench.tps(port, hundred, 8);
    PgBench.psql(port, "CHECKPOINT;");
    // The database alone at the rate of the service's 70 % run, latency counted the same way.
    JsonObject oneRowAtRate = ratePerSecond > 0 ? PgBench.atRate(port, one, 16, ratePerSecond) : null;
    // Two more one-row rounds follow, each after another round of the service's maximum.
    PgBench.psql(port, "TRUNCATE bench_rows;");
    return new JsonObject().put("oneRowTps", oneTps).put("oneRowClients", bestClients)
        .put("oneRowScript", one.toString())
        .put("hundredRowTps", hundredTps).put("hundredRowRowsPerSecond", hundredTps * 100)
        .put("oneRowAtServiceRate", oneRowAtRate)
        .put("durability", "fsync=on, synchronous_commit=on (the service's embedded server)");
  }

  private static String rounds(JsonArray values) {
    return values.stream().map(v -> Report.f(((Number) v).doubleValue()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  static String table(JsonObject r) {
    JsonObject s = r.getJsonObject("singleEventWebhooks");
    JsonObject max = s.getJsonObject("max");
    JsonObject at70 = s.getJsonObject("at70Percent");
    JsonObject b = r.getJsonObject("hundredEventBatches");
    JsonObject d = r.getJsonObject("database");
    JsonObject ratios = r.getJsonObject("ratios");
    JsonObject m = r.getJsonObject("machine");
    JsonObject g = r.getJsonObject("groupCommit");
    JsonObject w = r.getJsonObject("withoutDatabase").getJsonObject("requests");
    return "## Tracking ingest (`Bench ingest`)\n\n"
        + "Measured " + m.getString("at") + " on " + m.getInteger("cores") + " cores. The service runs as its own "
        + "process (-Xmx256m) on its embedded PostgreSQL (fsync and synchronous_commit on); each event is a "
        + "signed Standard Webhooks POST for one of " + String.format("%,d", ORDERS) + " booked orders, verified, "
        + "every record read, and group-committed into the event inbox before the 2xx; the inbox processor then "
        + "stores the events, reconciles the orders (status, flags, outbox jobs) and deletes the messages, one "
        + "transaction per batch. pgbench measures the same server in the same "
        + "run." + (!Wrk.measured(r) ? "\n\n" : " Maximum rates come from wrk (two threads, as pgbench's -j 2), each "
            + "request signed beforehand and sent once; the run at 70 % (open loop) comes from a lean single-thread "
            + "generator of the benchmark's own (plain non-blocking sockets, every request signed before the run, "
            + "latency counted from each request's scheduled time).\n\n")
        + "| measure | result | database ceiling | ratio | target |\n|---|---:|---:|---:|---|\n"
        + "| single-event webhooks, events/s (128 in flight" + (Wrk.measured(r) ? ", wrk" : "")
        + (s.containsKey("eventsPerSecondRounds") ? "; median of 3 rounds: " + rounds(s.getJsonArray("eventsPerSecondRounds")) : "")
        + ") | " + Report.f(s.getDouble("eventsPerSecondMedian", max.getDouble("perSecond")))
        + " | " + Report.f(d.getDouble("oneRowTpsMedian", d.getDouble("oneRowTps"))) + " one-row insert tx/s ("
        + (d.containsKey("oneRowTpsRounds") ? "median of 3 rounds, alternating with the service's: "
            + rounds(d.getJsonArray("oneRowTpsRounds")) + "; first round best with " : "")
        + d.getInteger("oneRowClients") + " clients) | " + String.format("%.2f×", ratios.getDouble("singleVsOneRowTps"))
        + " | ≥ 1.5× |\n"
        + "| 100-event batches, events/s (8 in flight" + (Wrk.measured(r) ? ", wrk" : "") + ") | " + Report.f(b.getDouble("eventsPerSecond"))
        + " | " + Report.f(d.getDouble("hundredRowRowsPerSecond")) + " rows/s of 100-row inserts | "
        + String.format("%.2f×", ratios.getDouble("batchVsHundredRowRows")) + " | ≥ 0.3× |\n\n"
        + "Single events at the maximum: p50 " + Report.f(max.getDouble("p50Ms")) + " ms, p99 "
        + Report.f(max.getDouble("p99Ms")) + " ms. At 70 % of it (open loop, "
        + s.getInteger("at70Connections", 128) + " connections, "
        + Report.f(at70.getDouble("perSecond")) + "/s for 15 s"
        + (s.containsKey("at70PercentWarmup") ? ", after " + AT70_WARMUP_SECONDS + " s at the same rate "
            + "left out as a warm-up, as wrk2 leaves out its calibration: p99 "
            + Report.f(s.getJsonObject("at70PercentWarmup").getDouble("p99Ms")) + " ms in those" : "")
        + "): p50 " + Report.f(at70.getDouble("p50Ms"))
        + " ms, p99 " + Report.f(at70.getDouble("p99Ms")) + " ms (target ≤ 50 ms)"
        + (d.containsKey("oneRowAtServiceRate") ? "; PostgreSQL alone doing one-row insert transactions at that "
            + "rate (pgbench -R, 16 clients) has p99 " + Report.f(d.getJsonObject("oneRowAtServiceRate").getDouble("p99Ms"))
            + " ms" : "")
        + (s.containsKey("refusedAt70Percent") ? "; the same requests at that rate refused right after the HMAC "
            + "check (no database work, nothing in the background, after a CHECKPOINT like the run itself): p50 "
            + Report.f(s.getJsonObject("refusedAt70Percent").getDouble("p50Ms")) + " ms, p99 "
            + Report.f(s.getJsonObject("refusedAt70Percent").getDouble("p99Ms")) + " ms" : "") + "; errors "
        + at70.getLong("errors") + ". Group commit put " + String.format("%.1f", g.getDouble("eventsPerTransaction"))
        + " events in a transaction on average. The run made " + String.format("%,d", r.getLong("statusChanges", 0L))
        + " status changes, each a signed callback to a local one-stop receiver ("
        + String.format("%,d", r.getLong("callbacksReceived", 0L)) + " delivered by the end), and "
        + String.format("%,d", r.getLong("smsMessages", 0L)) + " citizen SMS (console gateway). The events follow "
        + "each order's journey as the carrier reports it: booking confirmed, postman assigned, collected, arrived "
        + "at a post office, departed, arrived, out for delivery, delivered; a thousand orders interleaved, so that "
        + "every stretch of the run has the same mix: half the events move an order on, three in eight bring an "
        + "SMS. The " + String.format("%,d", r.getLong("sideEffectJobsWritten"))
        + " outbox jobs written, and the reconciliation of every event, ran on the same cores. While requests "
        + "waited for a commit slot, the inbox processor took 16 messages per 200 ms and the outbox worker ran one "
        + "job at a time (README: background work steps aside, the inbox at most 30 s behind, side effects a "
        + "minute). After the maximum-rate run, reconciling the inbox and running the side effects took "
        + Report.f(r.getDouble("catchUpSeconds")) + " s more"
        + (r.containsKey("singleWithSideEffectsDone") ? ": counted from the first event of the warm-up until every "
            + "event so far was reconciled and its callback and SMS done, the service kept up with "
            + Report.f(r.getDouble("singleWithSideEffectsDone")) + " single events/s" : "")
        + ". The 70 % run started after that; pgbench ran once its events were reconciled too ("
        + Report.f(r.getDouble("catchUpAfter70PercentSeconds", 0.0)) + " s), and the batches last. They left "
        + String.format("%,d", r.getLong("inboxEventsAfterBatches", 0L)) + " events in the inbox, which the "
        + "processor then reconciled at " + Report.f(r.getDouble("inboxIngestEventsPerSecond", 0.0))
        + " events/s (measured over 30 s, the outbox worker running beside it). GC time "
        + String.format("%.1f", r.getDouble("gcTimeShare") * 100)
        + " % of the run.\n\n"
        + "For scale, the same signed POST answered with no database work at all (signed with a wrong secret, "
        + "refused with 401 right after the HMAC check; 128 in flight): " + Report.f(w.getDouble("perSecond"))
        + " requests/s, " + String.format("%.2f×", r.getJsonObject("withoutDatabase").getDouble("vsOneRowTps"))
        + " the one-row insert rate. Whatever the storage does, single-event webhooks cannot be answered faster "
        + "than that on this machine, where the load generator, the service and PostgreSQL share the cores.\n";
  }

  /** Small helper to read one number. */
  private static final class TestCount {
    static long count(Pool db, String sql) {
      return HttpLoad.await(db.query(sql).execute(), Duration.ofSeconds(60)).iterator().next().getLong(0);
    }
  }
}
