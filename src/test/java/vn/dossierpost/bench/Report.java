package vn.dossierpost.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Writes a benchmark's figures: JSON under bench/results, a table in BENCHMARKS.md. */
public final class Report {

  private Report() {
  }

  public static JsonObject machine() {
    Runtime rt = Runtime.getRuntime();
    return new JsonObject()
        .put("cores", rt.availableProcessors())
        .put("java", System.getProperty("java.version"))
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"))
        .put("benchMaxHeapMb", rt.maxMemory() / (1024 * 1024))
        .put("kernelDamon", damon())
        .put("jvmArgs", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
        .put("at", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
  }

  /**
   * The kernel's DAMON monitor, if any: when on, every sampling interval it walks physical
   * memory from a kernel thread that holds one of the cores for some milliseconds, which shows
   * in every tail latency measured here (about every 0.5 s on the machine these figures were
   * first taken on).
   */
  public static String damon() {
    Path root = Path.of("/sys/kernel/mm/damon/admin/kdamonds");
    try (var kdamonds = Files.list(root)) {
      StringBuilder out = new StringBuilder();
      for (Path k : kdamonds.filter(Files::isDirectory).sorted().toList()) {
        String state = Files.readString(k.resolve("state")).strip();
        Path ctx = k.resolve("contexts/0");
        String sample = read(ctx.resolve("monitoring_attrs/intervals/sample_us"));
        String action = read(ctx.resolve("schemes/0/action"));
        out.append(out.length() == 0 ? "" : "; ").append("kdamond ").append(k.getFileName()).append(' ')
            .append(state);
        if ("on".equals(state)) {
          out.append(sample == null ? "" : ", sampling every " + Long.parseLong(sample) / 1000 + " ms")
              .append(action == null ? "" : ", scheme " + action);
        }
      }
      return out.length() == 0 ? "none" : out.toString();
    } catch (IOException | RuntimeException e) {
      return "none";
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return null;
    }
  }

  public static void write(String name, JsonObject results, String markdownTable) throws IOException {
    Path json = Path.of("bench", "results", name + ".json");
    Files.createDirectories(json.getParent());
    Files.writeString(json, results.encodePrettily() + "\n");
    Path md = Path.of("BENCHMARKS.md");
    String text = Files.exists(md) ? Files.readString(md) : """
        # Benchmarks

        Figures measured by the project's own benchmark command on the machine named in each
        section; each run rewrites its section and `bench/results/<name>.json`. Commands: README,
        "Benchmarks".
        """;
    String start = "<!-- " + name + ":start -->";
    String end = "<!-- " + name + ":end -->";
    String section = start + "\n" + markdownTable.strip() + "\n" + end;
    int a = text.indexOf(start);
    int b = text.indexOf(end);
    text = a >= 0 && b > a ? text.substring(0, a) + section + text.substring(b + end.length())
        : text.stripTrailing() + "\n\n" + section + "\n";
    Files.writeString(md, text);
    System.out.println("wrote " + json + " and BENCHMARKS.md");
  }

  public static String f(double value) {
    return value >= 100 ? String.format("%,.0f", value) : String.format("%,.2f", value);
  }
}
