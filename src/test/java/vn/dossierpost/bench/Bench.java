package vn.dossierpost.bench;

import java.util.Arrays;
import vn.dossierpost.citizen.TrackingPageBenchmark;
import vn.dossierpost.label.LabelBenchmark;

/**
 * The project's benchmarks, kept in test scope so that none of them is in the service's jar;
 * they measure the packaged service (README, "Benchmarks"):
 * <pre>mvn -B -q -Pbench -DskipTests package exec:exec -Dbench=labels</pre>
 * Each prints its figures, writes {@code bench/results/<name>.json} and rewrites its table in
 * {@code BENCHMARKS.md}. The service under test runs as a separate process with -Xmx256m.
 */
public final class Bench {

  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    String which = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    try {
      switch (which) {
        case "labels" -> LabelBenchmark.run(rest);
        case "ingest" -> IngestBenchmark.run(rest);
        case "tracking-page" -> TrackingPageBenchmark.run(rest);
        case "startup" -> StartupBenchmark.run(rest);
        case "render" -> render(rest);
        default -> {
          System.err.println("usage: Bench labels|ingest|tracking-page|startup [rounds]|render <name>");
          System.exit(2);
        }
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  /** Rewrites a benchmark's table in BENCHMARKS.md from its stored results, without running it. */
  private static void render(String[] args) throws java.io.IOException {
    String name = args.length == 0 ? "" : args[0];
    io.vertx.core.json.JsonObject results = new io.vertx.core.json.JsonObject(
        java.nio.file.Files.readString(java.nio.file.Path.of("bench", "results", name + ".json")));
    Report.write(name, results, switch (name) {
      case "ingest" -> IngestBenchmark.table(results);
      case "tracking-page" -> TrackingPageBenchmark.table(results);
      case "startup" -> StartupBenchmark.table(results);
      default -> throw new IllegalArgumentException("render: ingest, tracking-page or startup");
    });
  }
}
