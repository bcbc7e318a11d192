package vn.dossierpost.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Writes a benchmark's figures: JSON under bench/results, a table in BENCHMARKS.md. */
final class Report {

  private Report() {
  }

  static JsonObject machine() {
    Runtime rt = Runtime.getRuntime();
    return new JsonObject()
        .put("cores", rt.availableProcessors())
        .put("java", System.getProperty("java.version"))
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"))
        .put("benchMaxHeapMb", rt.maxMemory() / (1024 * 1024))
        .put("jvmArgs", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
        .put("at", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
  }

  static void write(String name, JsonObject results, String markdownTable) throws IOException {
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

  static String f(double value) {
    return value >= 100 ? String.format("%,.0f", value) : String.format("%,.2f", value);
  }
}
