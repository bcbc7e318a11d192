package vn.dossierpost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The database's own ceiling, measured with PostgreSQL's pgbench and psql against one server. */
final class PgBench {

  private PgBench() {
  }

  /** Transactions per second of {@code script} with {@code clients} connections for 10 s. */
  static double tps(int port, Path script, int clients, String... extra) throws IOException, InterruptedException {
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

  static void psql(int port, String sql) throws IOException, InterruptedException {
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
