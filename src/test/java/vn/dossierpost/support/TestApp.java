package vn.dossierpost.support;

import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vn.dossierpost.App;
import vn.dossierpost.Services;
import vn.dossierpost.access.Office;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.geo.Address;
import vn.dossierpost.http.Role;

/**
 * The whole service, started in-process against the shared test database. {@link #shared()}
 * serves most tests; {@link #start(Map)} gives a private instance with other settings.
 */
public final class TestApp implements AutoCloseable {

  private static final AtomicInteger OFFICES = new AtomicInteger(
      (int) (System.nanoTime() % 500) * 100);
  private static TestApp shared;

  private final App app;
  private final Http http;
  private final WebClient client;
  private String adminKey;

  private TestApp(App app) {
    this.app = app;
    this.client = WebClient.create(app.vertx(), new WebClientOptions(),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    this.http = new Http(client, app.baseUrl());
  }

  public static synchronized TestApp shared() {
    if (shared == null) {
      shared = start(Map.of());
    }
    return shared;
  }

  public static Map<String, String> baseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("DP_DATABASE_URL", TestDatabase.url());
    env.put("DP_HTTP_PORT", "0");
    env.put("DP_HTTP_INSTANCES", "2");
    env.put("DP_SIMULATOR_PORT", "0");
    env.put("DP_SIMULATOR_AUTOPLAY", "false");
    env.put("DP_OUTBOX_POLL_MS", "50");
    // Watchdog rounds only when a test runs one: a scheduled round could flag a test's orders.
    env.put("DP_SLA_CHECK_SECONDS", "86400");
    env.put("DP_SEED_DEMO", "false");
    env.put("DP_RATE_LIMIT_PER_MINUTE", "1000000");
    env.put("DP_TRACKING_RATE_PER_MINUTE", "1000000");
    // every test client shares 127.0.0.1: per-client bounds are tested where they are set
    env.put("DP_MAX_INFLIGHT_PER_CLIENT", "100000");
    env.put("DP_MAX_CONNECTIONS_PER_ADDRESS", "100000");
    // SMS go out at any hour and to the one sample phone as often as tests need; the quiet
    // hours and caps have tests of their own.
    env.put("DP_SMS_QUIET_HOURS", "00:00-00:00");
    env.put("DP_SMS_CAP_PER_PHONE_HOUR", "1000");
    env.put("DP_SMS_CAP_PER_ORDER", "1000");
    // The callback receivers of tests listen on loopback over http; CallbackGuardTest runs
    // with the guard on.
    env.put("DP_CALLBACK_ALLOW_PRIVATE", "true");
    try {
      env.put("DP_DATA_DIR", Files.createTempDirectory("dp-test").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return env;
  }

  public static TestApp start(Map<String, String> overrides) {
    Map<String, String> env = baseEnv();
    env.putAll(overrides);
    return new TestApp(await(App.start(AppConfig.fromEnv(env))));
  }

  /** A private service on a database of its own: its workers share their queue with no one. */
  public static TestApp startFresh(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(overrides);
    env.putIfAbsent("DP_DATABASE_URL", TestDatabase.freshUrl());
    return start(env);
  }

  public Http http() {
    return http;
  }

  public Services services() {
    return app.services();
  }

  public App app() {
    return app;
  }

  public String baseUrl() {
    return app.baseUrl();
  }

  /** The postal units that serve every test office: those of the tests' couriers. */
  public static final java.util.List<String> SERVING_UNITS = java.util.List.of("650000", "100000", "480000");

  /**
   * A fresh office with a DESK key, served by {@link #SERVING_UNITS}; each test gets its own so
   * tests never see each other.
   */
  public OfficeKeys newOffice() {
    String code = String.format("%03d.%02d.%02d.H%02d", OFFICES.incrementAndGet() % 1000,
        (int) (Math.random() * 100), (int) (Math.random() * 100), (int) (Math.random() * 100));
    Office office = new Office(code, "Bộ phận Một cửa thử nghiệm " + code,
        new Address("1 Lê Lợi", "00070", "01", null), "+842438253535", null, new io.vertx.core.json.JsonObject());
    await(services().offices().create(office, null));
    await(services().offices().addServingUnits(code, SERVING_UNITS));
    String key = await(services().apiKeys().issue(Role.DESK, code, "test")).key();
    return new OfficeKeys(code, key);
  }

  public record OfficeKeys(String office, String deskKey, String callbackSecret) {
    public OfficeKeys(String office, String deskKey) {
      this(office, deskKey, null);
    }
  }

  public synchronized String adminKey() {
    if (adminKey == null) {
      adminKey = await(services().apiKeys().issue(Role.ADMIN, "*", "test admin")).key();
    }
    return adminKey;
  }

  private String webhookSecret;

  /** The carrier's webhook secret for this service (made on first use). */
  public synchronized String webhookSecret() {
    if (webhookSecret == null) {
      webhookSecret = await(services().offices().newWebhookSecret("VNPOST"));
    }
    return webhookSecret;
  }

  public String carrierKey() {
    return await(services().apiKeys().issue(Role.CARRIER, "EMS", "test carrier")).key();
  }

  /** An office whose one-stop system takes callbacks at {@code url}; answers its secret too. */
  public OfficeKeys newOfficeWithCallback(String url) {
    OfficeKeys office = newOffice();
    String secret = vn.dossierpost.access.Offices.newSecret();
    await(services().offices().setCallback(office.office(), url, secret));
    return new OfficeKeys(office.office(), office.deskKey(), secret);
  }

  public String courierKey(String postalUnit) {
    return await(services().apiKeys().issue(Role.COURIER, postalUnit, "test courier")).key();
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  @Override
  public void close() {
    client.close();
    await(app.stop());
  }
}
