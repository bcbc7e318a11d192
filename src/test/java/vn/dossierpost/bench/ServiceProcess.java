package vn.dossierpost.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The service started the way an operator starts it — {@code java -Xmx256m -jar …} with the
 * embedded database in a fresh directory — so that a benchmark measures the real thing in its
 * own process. The {@code DP_*} lines it prints are collected; {@link #close} sends SIGTERM.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final java.util.regex.Pattern PG_PORT =
      java.util.regex.Pattern.compile("event=embedded_database port=(\\d+)");

  private final Process process;
  private final Path dataDir;
  private final Map<String, String> printed = new ConcurrentHashMap<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final java.util.Deque<String> last = new java.util.concurrent.ConcurrentLinkedDeque<>();
  public final int port;

  private ServiceProcess(Process process, Path dataDir, int port) {
    this.process = process;
    this.dataDir = dataDir;
    this.port = port;
  }

  public static ServiceProcess start(String heap, Map<String, String> env) throws IOException {
    Path dataDir = Files.createTempDirectory("dp-bench");
    int port = freePort();
    // The packaged service, as an operator runs it (mvn package builds it before the benchmark).
    Path jar = Path.of(System.getProperty("bench.jar", "target/dossier-post.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package first");
    }
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
    String extra = System.getProperty("bench.serviceJvmArgs");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DP_DATA_DIR", dataDir.toString());
    builder.environment().put("DP_HTTP_PORT", Integer.toString(port));
    builder.environment().put("DP_SIMULATOR_PORT", Integer.toString(freePort()));
    builder.environment().put("DP_HTTP_LOG_LEVEL", "WARN");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    ServiceProcess service = new ServiceProcess(builder.start(), dataDir, port);
    Thread reader = new Thread(service::readOutput, "service-output");
    reader.setDaemon(true);
    reader.start();
    try {
      for (int waited = 0; !service.ready.await(1, TimeUnit.SECONDS); waited++) {
        if (!service.process.isAlive() || waited > 120) {
          service.close();
          throw new IllegalStateException("the service did not start:\n" + String.join("\n", service.last));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return service;
  }

  /** Lines of a stack trace printed since the last error or warning; more are left out. */
  private int trace = 40;

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        last.addLast(line);
        if (last.size() > 40) {
          last.pollFirst();
        }
        java.util.regex.Matcher pg = PG_PORT.matcher(line);
        if (pg.find()) {
          printed.put("pgPort", pg.group(1));
        }
        if (line.startsWith("DP_")) {
          int eq = line.indexOf('=');
          printed.put(line.substring(0, eq), line.substring(eq + 1));
          if (line.startsWith("DP_READY")) {
            ready.countDown();
          }
        } else if (line.contains("level=ERROR") || line.contains("level=WARN")) {
          System.out.println("  [service] " + line);
          trace = 0;
        } else if (trace < 40 && (line.startsWith("\t") || line.startsWith("Caused by")
            || line.matches("^[a-z][\\w.$]*(Exception|Error)\\b.*"))) {
          // The stack trace of the error just printed: without it an error cannot be told apart.
          System.out.println("  [service] " + line);
          trace++;
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public String value(String name) {
    return printed.get(name);
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM, wait, then remove the data directory. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (Exception e) {
      System.out.println("  cleanup: " + e.getMessage());
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
