package vn.dossierpost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load from {@code wrk} (a C load generator, {@code apt-get install wrk}), two
 * threads like pgbench's {@code -j 2}. The Java generator spends as much CPU as the service it
 * measures on a two-core machine; wrk leaves the cores to the service, as pgbench leaves them to
 * PostgreSQL. Requests come from a file of ready-made requests, one per line, each thread
 * taking every other line so that no request is sent twice.
 */
public final class Wrk {

  private static final Pattern RESULT = Pattern.compile("WRK_RESULT (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+)");

  /** How a line of the request file becomes a request, in Lua: {@code f} holds the line split on tabs. */
  public enum Shape {
    /** One field: the path of a GET. */
    GET_PATH("return wrk.format('GET', f[1], {['Accept'] = 'text/html'})"),
    /** Four fields: webhook-id, webhook-timestamp, webhook-signature and the JSON body of a POST. */
    SIGNED_POST("return wrk.format('POST', path, {['Content-Type'] = 'application/json', "
        + "['webhook-id'] = f[1], ['webhook-timestamp'] = f[2], ['webhook-signature'] = f[3]}, f[4])");

    private final String lua;

    Shape(String lua) {
      this.lua = lua;
    }
  }

  private Wrk() {
  }

  /** Whether a benchmark's stored results had their maximum rates from wrk. */
  public static boolean measured(io.vertx.core.json.JsonObject results) {
    return results.getString("maximumBy", "").startsWith("wrk");
  }

  public static boolean available() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Runs wrk for {@code duration} with {@code connections} against {@code url}; the requests
   * are the lines of {@code requests}, sent again from the top when the file runs out unless
   * {@code eachOnce} (then running out is an error). Non-2xx answers count as errors (a refused signature is
   * an error here too, which is what the caller wants to count).
   */
  public static HttpLoad.Result closed(String url, Path requests, Shape shape, boolean eachOnce,
      int connections, Duration duration) {
    try {
      return run(url, requests, shape, eachOnce, connections, duration);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static HttpLoad.Result run(String url, Path requests, Shape shape, boolean eachOnce,
      int connections, Duration duration) throws IOException, InterruptedException {
    String path = java.net.URI.create(url).getRawPath();
    Path script = Files.createTempFile("wrk", ".lua");
    Files.writeString(script, """
        local file, path, split = %s, %s, %s
        local lines, i, threads = {}, 0, {}
        function setup(thread)
          thread:set("index", #threads)
          table.insert(threads, thread)
        end
        function init(args)
          local n = 0
          for line in io.lines(file) do
            if not split or n %% 2 == index then table.insert(lines, line) end
            n = n + 1
          end
          if not split then i = index * math.floor(#lines / 2) end
        end
        function request()
          i = i + 1
          if i > #lines then i = 1 end
          local f, s = {}, lines[i]
          for field in string.gmatch(s, "[^\\t]+") do table.insert(f, field) end
          %s
        end
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("WRK_RESULT %%d %%d %%d %%f %%f %%f %%f\\n", summary.requests,
            e.connect + e.read + e.write + e.status + e.timeout, summary.duration,
            latency:percentile(50) / 1000, latency:percentile(99) / 1000,
            latency:percentile(99.9) / 1000, latency.max / 1000))
        end
        """.formatted(lua(requests.toString()), lua(path), eachOnce, shape.lua), StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections,
        "-d" + duration.toSeconds() + "s", "--timeout", "30s", "-s", script.toString(), url));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS);
    Files.deleteIfExists(script);
    Matcher m = RESULT.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("wrk gave no result:\n" + out);
    }
    long count = Long.parseLong(m.group(1));
    double seconds = Long.parseLong(m.group(3)) / 1e6;
    if (eachOnce) {
      // Each thread sends its half of the file; a thread that ran out started again from the top.
      long lines;
      try (var all = Files.lines(requests)) {
        lines = all.count();
      }
      if (count > lines - connections) {
        throw new IllegalStateException("wrk sent " + count + " requests from a file of " + lines
            + ": make the file longer");
      }
    }
    return new HttpLoad.Result(count, Long.parseLong(m.group(2)), seconds, count / seconds,
        Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
        Double.parseDouble(m.group(6)), Double.parseDouble(m.group(7)));
  }

  private static String lua(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
