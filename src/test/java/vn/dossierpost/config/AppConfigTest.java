package vn.dossierpost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void withNothingSetItRunsEverythingEmbeddedOnTheDocumentedDefaults() {
    AppConfig config = AppConfig.fromEnv(Map.of());

    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.database().embedded()).isTrue();
    assertThat(config.carrier().embedded()).isTrue();
    assertThat(config.database().seedDemo()).isTrue();
    assertThat(config.http().publicBaseUrl(8080).toString()).isEqualTo("http://localhost:8080");
    assertThat(config.database().dataDir().toString()).endsWith("data");
    assertThat(config.simulator().port()).isEqualTo(8090);
    assertThat(config.sms().gateway()).isEqualTo("console");
    assertThat(config.simulator().autoplay()).isTrue();
    assertThat(config.tracking().ingestCommitSpacing()).isEqualTo(java.time.Duration.ofMillis(2));
    assertThat(AppConfig.fromEnv(Map.of("DP_INGEST_COMMIT_SPACING_MS", "0")).tracking().ingestCommitSpacing())
        .isZero();
  }

  @Test
  void callbacksToPrivateAddressesAreRefusedUnlessTheOperatorSaysSo() {
    assertThat(AppConfig.fromEnv(Map.of()).outbox().callbackAllowPrivate()).isFalse();
    assertThat(AppConfig.fromEnv(Map.of("DP_CALLBACK_ALLOW_PRIVATE", "true")).outbox().callbackAllowPrivate())
        .isTrue();
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DP_CALLBACK_ALLOW_PRIVATE", "maybe")))
        .hasMessageContaining("DP_CALLBACK_ALLOW_PRIVATE");
  }

  @Test
  void slowAndGreedyClientsAreBoundedByDefaultsAPhoneOn3gPasses() {
    AppConfig.HttpConfig.Edge edge = AppConfig.fromEnv(Map.of()).http().edge();

    assertThat(edge.headerTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(edge.bodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(edge.idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
    assertThat(edge.maxConnectionsPerAddress()).isEqualTo(256);
    assertThat(edge.maxInflightPerClient()).isEqualTo(64);
  }

  @Test
  void aHolidaysFileMustBeReadableAtStartUp(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    assertThat(AppConfig.fromEnv(Map.of()).tracking().holidaysFile()).isEmpty();
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("days.csv"), "2027-02-10,WORK,x\n");
    assertThat(AppConfig.fromEnv(Map.of("DP_HOLIDAYS_FILE", file.toString())).tracking().holidaysFile())
        .contains(file);
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DP_HOLIDAYS_FILE", dir.resolve("none.csv").toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DP_HOLIDAYS_FILE");
  }

  @Test
  void edgeBoundsOutOfRangeAreNamedAtStartUp() {
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DP_HTTP_HEADER_TIMEOUT_MS", "0",
        "DP_MAX_INFLIGHT_PER_CLIENT", "0", "DP_MAX_CONNECTIONS_PER_ADDRESS", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DP_HTTP_HEADER_TIMEOUT_MS").hasMessageContaining("DP_MAX_INFLIGHT_PER_CLIENT")
        .hasMessageContaining("DP_MAX_CONNECTIONS_PER_ADDRESS");
  }

  @Test
  void aDatabaseUrlSelectsAnExternalDatabaseAndTurnsDemoDataOff() {
    AppConfig config = AppConfig.fromEnv(Map.of("DP_DATABASE_URL",
        "postgresql://dp:s%40cret@db.internal:6543/dossiers"));

    assertThat(config.database().target()).contains(new DatabaseTarget("db.internal", 6543, "dossiers", "dp", "s@cret"));
    assertThat(config.database().seedDemo()).isFalse();
  }

  @Test
  void theStandardPgVariablesAlsoSelectAnExternalDatabase() {
    AppConfig config = AppConfig.fromEnv(Map.of("PGHOST", "pg", "PGUSER", "app", "PGPASSWORD", "x",
        "PGDATABASE", "dp"));

    assertThat(config.database().target()).contains(new DatabaseTarget("pg", 5432, "dp", "app", "x"));
  }

  @Test
  void demoDataCanBeAskedForOnAnExternalDatabase() {
    assertThat(AppConfig.fromEnv(Map.of("PGHOST", "pg", "DP_SEED_DEMO", "true")).database().seedDemo()).isTrue();
  }

  @Test
  void everyInvalidVariableIsNamedInOneError() {
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(
        "DP_HTTP_PORT", "eighty",
        "DP_SIMULATOR_SPEED", "-3",
        "DP_SMS_GATEWAY", "pigeon",
        "DP_SIMULATOR_AUTOPLAY", "maybe",
        "DP_PUBLIC_BASE_URL", "ftp://x",
        "DP_DATABASE_URL", "mysql://x/y")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(6))
        .hasMessageContaining("DP_HTTP_PORT")
        .hasMessageContaining("DP_SIMULATOR_SPEED")
        .hasMessageContaining("DP_SMS_GATEWAY")
        .hasMessageContaining("DP_SIMULATOR_AUTOPLAY")
        .hasMessageContaining("DP_PUBLIC_BASE_URL")
        .hasMessageContaining("DP_DATABASE_URL");
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DP_HTTP_PORT", "70000")))
        .hasMessageContaining("DP_HTTP_PORT=70000: must be between 0 and 65535");
  }

  @Test
  void thePasswordOfADatabaseNeverAppearsInItsDescription() {
    DatabaseTarget target = new DatabaseTarget("h", 1, "d", "u", "secret");
    assertThat(target.toString()).doesNotContain("secret");
  }

  @Test
  void smsSettingsThatCannotWorkStopStartUpByName() {
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(
        "DP_PUBLIC_BASE_URL", "https://a-very-long-host-name.tracuu.example.gov.vn",
        "DP_SMS_BRANDNAME", "TRUNGTAMHANHCHINHCONG",
        "DP_SMS_GATEWAY", "http",
        "DP_SMS_QUIET_HOURS", "10pm-7am",
        "DP_SMS_RECEIPT_SECRET", "hunter2")))
        .hasMessageContaining("DP_PUBLIC_BASE_URL=https://a-very-long-host-name.tracuu.example.gov.vn: at most 40")
        .hasMessageContaining("DP_SMS_BRANDNAME=TRUNGTAMHANHCHINHCONG")
        .hasMessageContaining("DP_SMS_HTTP_URL: required when DP_SMS_GATEWAY=http")
        .hasMessageContaining("DP_SMS_QUIET_HOURS=10pm-7am")
        .hasMessageContaining("DP_SMS_RECEIPT_SECRET");
  }

  @Test
  void smsDefaultsAreTheConsoleQuietNightsAndThirtyDayLinks() {
    SmsConfig sms = AppConfig.fromEnv(Map.of()).sms();

    assertThat(sms.gateway()).isEqualTo("console");
    assertThat(sms.brandname()).hasSizeLessThanOrEqualTo(11);
    assertThat(sms.quietFrom()).isEqualTo(java.time.LocalTime.of(22, 0));
    assertThat(sms.quietUntil()).isEqualTo(java.time.LocalTime.of(7, 0));
    assertThat(sms.linkTtl()).isEqualTo(java.time.Duration.ofDays(30));
  }

  @Test
  void theEmbeddedDatabaseKeepsOnePortPerDataDirectoryUnlessDpDbPortSetsIt() {
    int a = AppConfig.fromEnv(Map.of("DP_DATA_DIR", "/srv/dp/a")).database().embeddedPort();

    assertThat(AppConfig.fromEnv(Map.of("DP_DATA_DIR", "/srv/dp/a/")).database().embeddedPort()).isEqualTo(a);
    assertThat(AppConfig.fromEnv(Map.of("DP_DATA_DIR", "/srv/dp/b")).database().embeddedPort()).isNotEqualTo(a);
    assertThat(a).isBetween(20_000, 29_999);
    assertThat(AppConfig.fromEnv(Map.of("DP_DB_PORT", "15432")).database().embeddedPort()).isEqualTo(15432);
  }

  @Test
  void aDpDbPortThatIsNoUsablePortStopsStartUp() {
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DP_DB_PORT", "80")))
        .hasMessageContaining("DP_DB_PORT=80: must be between 1024 and 65535");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DP_DB_PORT", "pg")))
        .hasMessageContaining("DP_DB_PORT=pg: not an integer");
  }
}
