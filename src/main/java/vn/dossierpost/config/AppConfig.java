package vn.dossierpost.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import vn.dossierpost.s10.S10;

/**
 * Every setting of the service, read once from environment variables at start-up, grouped by
 * concern; each group reads and checks its own variables. Names and defaults are documented in
 * the README; the {@code DP_*} names of DESIGN §10 are fixed.
 */
public record AppConfig(HttpConfig http, DatabaseConfig database, CarrierConfig carrier,
    SimulatorConfig simulator, OutboxConfig outbox, TrackingConfig tracking, SmsConfig sms,
    int renderThreads) {

  /** The HTTP server and what it lets in. */
  public record HttpConfig(int port, int instances, Optional<URI> explicitPublicBaseUrl,
      long maxBodyBytes, int maxInflightRequests, int rateLimitPerMinute, Edge edge) {

    /**
     * Longest public base URL that leaves every SMS room for its link ("/t/" + 27 characters);
     * SmsTemplatesTest checks every message against it.
     */
    public static final int MAX_PUBLIC_BASE_URL_LENGTH = 40;

    static HttpConfig fromEnv(Env env, int cores) {
      HttpConfig http = new HttpConfig(
          env.integer("DP_HTTP_PORT", 8080, 0, 65535),
          env.integer("DP_HTTP_INSTANCES", cores, 1, 64),
          env.httpUrl("DP_PUBLIC_BASE_URL"),
          env.integer("DP_MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20),
          env.integer("DP_MAX_INFLIGHT", 1024, 1, 100_000),
          env.integer("DP_RATE_LIMIT_PER_MINUTE", 1200, 1, 1_000_000),
          Edge.fromEnv(env));
      int maxBase = MAX_PUBLIC_BASE_URL_LENGTH;
      http.explicitPublicBaseUrl().filter(u -> u.toString().replaceAll("/+$", "").length() > maxBase)
          .ifPresent(u -> env.problem("DP_PUBLIC_BASE_URL=" + u + ": at most " + maxBase
              + " characters, so that a tracking link fits in one SMS with its message"));
      return http;
    }

    /**
     * What one client may hold: deadlines for a request head and a whole body (defaults let a
     * phone on 3G send 1 MiB), the idle time of a connection, open connections per address
     * (IPv6 per /64) and requests in progress per client (API key, else address).
     */
    public record Edge(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout,
        int maxConnectionsPerAddress, int maxInflightPerClient) {

      static Edge fromEnv(Env env) {
        return new Edge(
            Duration.ofMillis(env.integer("DP_HTTP_HEADER_TIMEOUT_MS", 10_000, 100, 600_000)),
            Duration.ofMillis(env.integer("DP_HTTP_BODY_TIMEOUT_MS", 30_000, 100, 3_600_000)),
            Duration.ofSeconds(env.integer("DP_HTTP_IDLE_TIMEOUT_SECONDS", 60, 1, 86_400)),
            env.integer("DP_MAX_CONNECTIONS_PER_ADDRESS", 256, 1, 1_000_000),
            env.integer("DP_MAX_INFLIGHT_PER_CLIENT", 64, 1, 100_000));
      }
    }

    /** Base of links in SMS, QR codes and pages: as configured, else this host on its port. */
    public URI publicBaseUrl(int actualPort) {
      return explicitPublicBaseUrl.orElse(URI.create("http://localhost:" + actualPort));
    }
  }

  /** Where the data lives: the embedded database (empty {@code target}) or an external one. */
  public record DatabaseConfig(Path dataDir, Optional<DatabaseTarget> target, boolean seedDemo,
      int poolSize, int readConnections, int embeddedPort) {

    static DatabaseConfig fromEnv(Env env, Map<String, String> vars) {
      Optional<DatabaseTarget> target = DatabaseTarget.fromEnv(env, vars);
      Path dataDir = Path.of(env.string("DP_DATA_DIR", "./data")).toAbsolutePath().normalize();
      return new DatabaseConfig(
          dataDir,
          target,
          env.bool("DP_SEED_DEMO", target.isEmpty()),
          env.integer("DP_DB_POOL_SIZE", 16, 1, 200),
          env.integer("DP_DB_READ_CONNECTIONS", 2, 1, 32),
          env.integer("DP_DB_PORT", defaultEmbeddedPort(dataDir), 1024, 65535));
    }

    /**
     * The embedded server's port when DP_DB_PORT is not set: the same on every start of one data
     * directory, most likely different for another, and below the kernel's ephemeral ports
     * (32768 and up), which outgoing connections take.
     */
    public static int defaultEmbeddedPort(Path dataDir) {
      CRC32 crc = new CRC32();
      crc.update(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return 20_000 + (int) (crc.getValue() % 10_000);
    }

    public boolean embedded() {
      return target.isEmpty();
    }
  }

  /** The carrier's API and account (empty {@code url}: the in-process simulator). */
  public record CarrierConfig(Optional<URI> url, String customerCode, String key, String secret,
      Duration timeout, int connections, String name, Duration pollInterval,
      Optional<S10.Range> itemCodeRange) {

    static CarrierConfig fromEnv(Env env) {
      return new CarrierConfig(
          env.httpUrl("DP_CARRIER_URL"),
          env.string("DP_CARRIER_CUSTOMER_CODE", "HCC-DEMO"),
          env.string("DP_CARRIER_KEY", "demo-customer-key"),
          env.string("DP_CARRIER_SECRET", "demo-customer-secret"),
          Duration.ofMillis(env.integer("DP_CARRIER_TIMEOUT_MS", 10_000, 100, 600_000)),
          env.integer("DP_CARRIER_CONNECTIONS", 32, 1, 1000),
          env.string("DP_CARRIER_NAME", "VNPOST"),
          Duration.ofMillis(env.integer("DP_POLL_MS", 2000, 50, 600_000)),
          env.itemCodeRange("DP_ITEM_CODE_RANGE"));
    }

    public boolean embedded() {
      return url.isEmpty();
    }
  }

  /** The in-process carrier simulator, used when no carrier URL is configured. */
  public record SimulatorConfig(int port, boolean autoplay, double speed, long seed,
      String serviceIndicator, long[] serials, boolean push) {

    static SimulatorConfig fromEnv(Env env) {
      return new SimulatorConfig(
          env.integer("DP_SIMULATOR_PORT", 8090, 0, 65535),
          env.bool("DP_SIMULATOR_AUTOPLAY", true),
          env.decimal("DP_SIMULATOR_SPEED", 60, 0, 1_000_000),
          env.integer("DP_SIMULATOR_SEED", 45_2016, Integer.MIN_VALUE, Integer.MAX_VALUE),
          env.serviceIndicator("DP_SIMULATOR_SERVICE_INDICATOR", "EB"),
          env.serialRange("DP_SIMULATOR_SERIALS", new long[] {10_000_000L, 99_999_999L}),
          env.bool("DP_SIMULATOR_PUSH", true));
    }
  }

  /**
   * The job queue's workers, and how callbacks retry; {@code callbackAllowPrivate} lets callback
   * URLs use http and loopback or private addresses (off: https to public addresses only).
   */
  public record OutboxConfig(Duration pollInterval, int batchSize, Duration lease,
      int yieldConcurrency, Duration maxLag, Duration callbackRetryBase, boolean callbackAllowPrivate) {

    static OutboxConfig fromEnv(Env env) {
      return new OutboxConfig(
          Duration.ofMillis(env.integer("DP_OUTBOX_POLL_MS", 500, 10, 60_000)),
          env.integer("DP_OUTBOX_BATCH", 128, 1, 1000),
          Duration.ofSeconds(env.integer("DP_OUTBOX_LEASE_SECONDS", 120, 5, 3600)),
          env.integer("DP_OUTBOX_YIELD_CONCURRENCY", 1, 1, 1000),
          Duration.ofSeconds(env.integer("DP_OUTBOX_MAX_LAG_SECONDS", 60, 0, 86_400)),
          Duration.ofMillis(env.integer("DP_CALLBACK_RETRY_BASE_MS", 5_000, 10, 3_600_000)),
          env.bool("DP_CALLBACK_ALLOW_PRIVATE", false));
    }
  }

  /**
   * Ingest of pushed events (group commit, the event inbox), the SLA watchdog and the working-day
   * calendar it counts on ({@code holidaysFile}: an operator's days over the shipped ones).
   */
  public record TrackingConfig(int ingestCommits, Duration ingestCommitSpacing,
      Duration inboxMaxLag, Duration inboxRefuseAfter, Duration slaCheckInterval,
      Optional<Path> holidaysFile) {

    static TrackingConfig fromEnv(Env env) {
      return new TrackingConfig(
          env.integer("DP_INGEST_COMMITS", 1, 1, 16),
          Duration.ofMillis(env.integer("DP_INGEST_COMMIT_SPACING_MS", 2, 0, 100)),
          Duration.ofSeconds(env.integer("DP_INBOX_MAX_LAG_SECONDS", 30, 0, 3_600)),
          Duration.ofSeconds(env.integer("DP_INBOX_REFUSE_AFTER_SECONDS", 300, 1, 86_400)),
          Duration.ofSeconds(env.integer("DP_SLA_CHECK_SECONDS", 300, 1, 86_400)),
          env.readableFile("DP_HOLIDAYS_FILE"));
    }
  }

  public static AppConfig fromEnv(Map<String, String> vars) {
    Env env = new Env(vars);
    int cores = Runtime.getRuntime().availableProcessors();
    AppConfig config = new AppConfig(
        HttpConfig.fromEnv(env, cores),
        DatabaseConfig.fromEnv(env, vars),
        CarrierConfig.fromEnv(env),
        SimulatorConfig.fromEnv(env),
        OutboxConfig.fromEnv(env),
        TrackingConfig.fromEnv(env),
        SmsConfig.fromEnv(env),
        env.integer("DP_RENDER_THREADS", cores, 1, 64));
    env.throwIfInvalid();
    return config;
  }
}
