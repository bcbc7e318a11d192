package vn.dossierpost.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/** The database's own ceiling, measured with PostgreSQL's pgbench and psql against one server. */
public final class PgBench {

  private PgBench() {
  }

  /** Transactions per second of {@code script} with {@code clients} connections for 10 s. */
  public static double tps(int port, Path script, int clients, String... extra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("pgbench", "-h", "localhost", "-p", Integer.toString(port),
        "-U", "postgres", "-n", "-c", Integer.toString(clients), "-j", "2", "-T", "10"));
    command.addAll(List.of(extra));
    command.addAll(List.of("-f", script.toString(), "postgres"));
    String out = run(command);
    Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("pgbench gave no tps:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  /**
   * Latency of {@code script} at a fixed rate (pgbench {@code -R}, open loop) for 10 s after a
   * second of start-up, counted like the service's open-loop runs: from each transaction's
   * scheduled start (pgbench's own run time plus its schedule lag), from its per-transaction log.
   */
  public static JsonObject atRate(int port, Path script, int clients, double perSecond, String... extra)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("pgbench-log");
    List<String> command = new ArrayList<>(List.of("pgbench", "-h", "localhost", "-p", Integer.toString(port),
        "-U", "postgres", "-n", "-c", Integer.toString(clients), "-j", "2", "-T", "11",
        "-R", Long.toString(Math.round(perSecond)), "-l", "--log-prefix=" + dir.resolve("tx")));
    command.addAll(List.of(extra));
    command.addAll(List.of("-f", script.toString(), "postgres"));
    run(command);
    // pgbench's clock starts before its connections are ready: the first second is their
    // start-up (hundreds of ms here), not the database's latency, and is left out.
    List<long[]> done = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path log : files.toList()) {
        for (String line : Files.readAllLines(log)) {
          // client transaction run_us script end_epoch_s end_epoch_us schedule_lag_us
          String[] f = line.trim().split("\\s+");
          if (f.length >= 7) {
            done.add(new long[] {Long.parseLong(f[4]) * 1_000_000 + Long.parseLong(f[5]),
                Long.parseLong(f[2]) + Long.parseLong(f[6])});
          }
        }
      }
    }
    long first = done.stream().mapToLong(d -> d[0]).min().orElse(0);
    Histogram latency = new Histogram(3_600_000_000L, 3);
    done.stream().filter(d -> d[0] >= first + 1_000_000).forEach(d -> latency.recordValue(d[1]));
    if (!Boolean.getBoolean("bench.keepLogs")) {
      try (var files = Files.list(dir)) {
        for (Path log : files.toList()) {
          Files.delete(log);
        }
      }
      Files.delete(dir);
    }
    return new JsonObject().put("perSecond", perSecond).put("clients", clients)
        .put("transactions", latency.getTotalCount())
        .put("p50Ms", latency.getValueAtPercentile(50) / 1000.0)
        .put("p99Ms", latency.getValueAtPercentile(99) / 1000.0)
        .put("maxMs", latency.getMaxValue() / 1000.0);
  }

  public static void psql(int port, String sql) throws IOException, InterruptedException {
    run(List.of("psql", "-h", "localhost", "-p", Integer.toString(port), "-U", "postgres", "-v",
        "ON_ERROR_STOP=1", "-q", "-c", sql, "postgres"));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }
}
