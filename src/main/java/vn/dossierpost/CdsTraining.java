package vn.dossierpost;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import vn.dossierpost.config.AppConfig;

/**
 * The training run of the class-data-sharing archive that {@code mvn package} makes
 * ({@code -XX:ArchiveClassesAtExit}, pom.xml): one start on a new data directory, a few
 * requests, a stop. The JVM then archives every class it loaded, and a service started with
 * {@code -XX:SharedArchiveFile} maps them instead of loading them from the jar again. Bounded
 * in time, and it never fails the build: at worst the archive holds fewer classes.
 */
final class CdsTraining {

  private CdsTraining() {
  }

  public static void main(String[] args) {
    Path dataDir = Path.of(args.length > 0 ? args[0] : "target/cds-training").toAbsolutePath();
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(120));
        System.out.println("cds-training: gave up after 120 s, archiving what is loaded");
        System.exit(0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cds-training-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      delete(dataDir);
      Map<String, String> env = new HashMap<>();
      env.put("DP_DATA_DIR", dataDir.toString());
      env.put("DP_DB_PORT", Integer.toString(freePort()));
      env.put("DP_HTTP_PORT", "0");
      env.put("DP_SIMULATOR_PORT", "0");
      env.put("DP_SIMULATOR_AUTOPLAY", "false");
      env.put("DP_SIMULATOR_PUSH", "false");
      env.put("DP_SEED_DEMO", "false");
      App app = App.start(AppConfig.fromEnv(env)).toCompletionStage().toCompletableFuture()
          .get(90, TimeUnit.SECONDS);
      try {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : new String[] {"/ready", "/health", "/t/unknown", "/api/v1/orders"}) {
          client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
              .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        }
      } finally {
        app.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
      System.out.println("cds-training: done, " + app.startupPhases());
    } catch (Exception e) {
      System.out.println("cds-training: " + e + " (the archive holds what was loaded so far)");
    } finally {
      try {
        delete(dataDir);
      } catch (IOException e) {
        System.out.println("cds-training: " + dataDir + " left behind: " + e.getMessage());
      }
    }
    System.exit(0);
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
