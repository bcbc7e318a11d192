package vn.dossierpost.bench;

import java.util.Arrays;

/**
 * The project's benchmarks, run from the packaged jar (README, "Benchmarks"):
 * <pre>java -Xmx256m -cp target/dossier-post.jar vn.dossierpost.bench.Bench labels</pre>
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
        default -> {
          System.err.println("usage: Bench labels|ingest|tracking-page");
          System.exit(2);
        }
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }
}
