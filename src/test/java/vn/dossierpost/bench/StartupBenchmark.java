package vn.dossierpost.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import vn.dossierpost.support.ServiceProcess;

/**
 * Start-up time of the packaged service ({@code Bench startup [rounds]}): a first start on an
 * empty data directory, a restart after SIGTERM, and a restart after SIGKILL (the postmaster
 * left behind is stopped, then the database recovers from its WAL). Each is timed from the
 * process's launch to the first {@code GET /ready} answered 200, with the phases the service
 * logs ({@code event=startup_phases}) and the load average of the machine at that moment. Run
 * as the README starts the service (with the class-data-sharing archive when it exists) and
 * without that archive.
 */
public final class StartupBenchmark {

  private static final Path JAR = Path.of(System.getProperty("bench.jar", "target/dossier-post.jar"));
  private static final Path ARCHIVE = Path.of("target", "dossier-post.jsa");

  private StartupBenchmark() {
  }

  public static void run(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run mvn -DskipTests package first");
    }
    JsonObject results = new JsonObject().put("machine", Report.machine()).put("rounds", rounds);
    List<String> variants = new ArrayList<>();
    if (Files.isRegularFile(ARCHIVE)) {
      variants.add("-XX:SharedArchiveFile=" + ARCHIVE);
    }
    variants.add("");
    JsonObject byVariant = new JsonObject();
    for (String jvm : variants) {
      String name = jvm.isEmpty() ? "noArchive" : "archive";
      JsonObject runs = new JsonObject().put("jvm", jvm)
          .put("first", new JsonArray()).put("afterSigterm", new JsonArray())
          .put("afterSigkill", new JsonArray());
      for (int round = 0; round < rounds; round++) {
        Path dataDir = Files.createTempDirectory("dp-bench-startup");
        try {
          Start first = start(jvm, dataDir);
          runs.getJsonArray("first").add(first.json());
          first.stop(false);
          Start again = start(jvm, dataDir);
          runs.getJsonArray("afterSigterm").add(again.json());
          again.stop(true);
          Start recovered = start(jvm, dataDir);
          runs.getJsonArray("afterSigkill").add(recovered.json());
          recovered.stop(false);
          System.out.printf("%s round %d: first %d ms, after SIGTERM %d ms, after SIGKILL %d ms%n",
              name, round + 1, first.readyMs, again.readyMs, recovered.readyMs);
        } finally {
          delete(dataDir);
        }
      }
      byVariant.put(name, runs);
    }
    results.put("starts", byVariant);
    Report.write("startup", results, table(results));
  }

  /** One start: its time to /ready 200, the phases it logged, the load average then. */
  private record Start(Process process, long readyMs, String phases, String loadAverage) {

    JsonObject json() {
      return new JsonObject().put("readyMs", readyMs).put("phases", phases).put("load", loadAverage);
    }

    /** SIGTERM and wait, or SIGKILL the JVM alone (its postmaster survives, as after a crash). */
    void stop(boolean kill) throws InterruptedException {
      if (kill) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static Start start(String jvm, Path dataDir) throws Exception {
    int port = ServiceProcess.freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    if (!jvm.isEmpty()) {
      command.add(jvm);
    }
    command.addAll(List.of("-jar", JAR.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DP_DATA_DIR", dataDir.toString());
    builder.environment().put("DP_HTTP_PORT", Integer.toString(port));
    builder.environment().put("DP_SIMULATOR_PORT", Integer.toString(ServiceProcess.freePort()));
    builder.environment().put("DP_HTTP_LOG_LEVEL", "WARN");
    long launched = System.nanoTime();
    Process process = builder.start();
    CompletableFuture<String> phases = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(process, phases), "service-output");
    reader.setDaemon(true);
    reader.start();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    while (true) {
      if (!process.isAlive() || System.nanoTime() - launched > TimeUnit.MINUTES.toNanos(3)) {
        process.destroyForcibly();
        throw new IllegalStateException("the service did not become ready");
      }
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
        // not listening yet
      }
      Thread.sleep(10);
    }
    long readyMs = (System.nanoTime() - launched) / 1_000_000;
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    return new Start(process, readyMs, phases.get(60, TimeUnit.SECONDS), load);
  }

  /** Drains the service's output; completes {@code phases} with its start-up line. */
  private static void read(Process process, CompletableFuture<String> phases) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        int at = line.indexOf("event=startup_phases ");
        if (at >= 0) {
          phases.complete(line.substring(at + "event=startup_phases ".length()));
        } else if (line.contains("level=ERROR") || line.contains("level=WARN")) {
          System.out.println("  [service] " + line);
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    phases.complete("");
  }

  private static long median(JsonArray runs) {
    List<Long> ms = runs.stream().map(r -> ((JsonObject) r).getLong("readyMs")).sorted().toList();
    return ms.get(ms.size() / 2);
  }

  /** The run whose time is the median: its phases are shown. */
  private static JsonObject medianRun(JsonArray runs) {
    long median = median(runs);
    return runs.stream().map(r -> (JsonObject) r).filter(r -> r.getLong("readyMs") == median)
        .findFirst().orElseThrow();
  }

  static String table(JsonObject r) {
    JsonObject starts = r.getJsonObject("starts");
    StringBuilder out = new StringBuilder();
    out.append("## Start-up (`Bench startup`)\n\n")
        .append(String.format(Locale.ROOT, "Measured %s on %d cores, Java %s; %d rounds. ",
            r.getJsonObject("machine").getString("at"), r.getJsonObject("machine").getInteger("cores"),
            r.getJsonObject("machine").getString("java"), r.getInteger("rounds")))
        .append("Each start is timed from the launch of `java -Xmx256m -jar target/dossier-post.jar` "
            + "(with `-XX:SharedArchiveFile=target/dossier-post.jsa`, as the README starts it, "
            + "where the JVM column says so) to the first `GET /ready` answered 200, on the "
            + "embedded database (fsync and synchronous_commit on) with the demo data. The "
            + "1-minute load average of the machine at that moment is next to each figure: the "
            + "machine is shared with other work, and above 2 every phase waited for the two "
            + "cores; the targets are for a machine with nothing else running. After SIGKILL, "
            + "the postmaster the killed process left is stopped and PostgreSQL replays its "
            + "WAL.\n\n")
        .append("| start | JVM | median ms | each round, ms (load) | target |\n|---|---|---:|---|---|\n");
    for (String variant : starts.fieldNames().stream().sorted().toList()) {
      JsonObject runs = starts.getJsonObject(variant);
      String jvm = variant.equals("archive") ? "with the CDS archive" : "no archive";
      for (String kind : List.of("first", "afterSigterm", "afterSigkill")) {
        JsonArray list = runs.getJsonArray(kind);
        StringBuilder each = new StringBuilder();
        for (Object o : list) {
          JsonObject run = (JsonObject) o;
          each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d (%s)",
              run.getLong("readyMs"), run.getString("load")));
        }
        out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s |%n",
            switch (kind) {
              case "first" -> "first, empty data directory";
              case "afterSigterm" -> "restart after SIGTERM";
              default -> "restart after SIGKILL";
            }, jvm, median(list), each, kind.equals("first") ? "≤ 5,000" : "≤ 2,000"));
      }
    }
    out.append("\nPhases of the median run (ms since the process started, `start-end`; "
        + "`jvm` is the JVM's own start until the service's code runs):\n\n");
    for (String variant : starts.fieldNames().stream().sorted().toList()) {
      JsonObject runs = starts.getJsonObject(variant);
      for (String kind : List.of("first", "afterSigterm", "afterSigkill")) {
        out.append("- ").append(variant.equals("archive") ? "archive" : "no archive").append(", ")
            .append(kind).append(": `").append(medianRun(runs.getJsonArray(kind)).getString("phases"))
            .append("`\n");
      }
    }
    return out.toString();
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
