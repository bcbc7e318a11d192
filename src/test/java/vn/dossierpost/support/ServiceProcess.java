package vn.dossierpost.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service in a process of its own, as an operator runs it, so that a test can kill it. */
public final class ServiceProcess {

  private static final Pattern PG_PORT = Pattern.compile("event=embedded_database port=(\\d+)");

  private final Process process;
  private final Map<String, String> printed = new ConcurrentHashMap<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
  public final int port;
  private Thread reader;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static ServiceProcess start(Path dataDir, int port, Map<String, String> env) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx256m", "-cp", classPath, "vn.dossierpost.Main");
    builder.environment().put("DP_DATA_DIR", dataDir.toString());
    builder.environment().put("DP_HTTP_PORT", Integer.toString(port));
    builder.environment().put("DP_SIMULATOR_PORT", Integer.toString(freePort()));
    builder.environment().put("DP_HTTP_LOG_LEVEL", "WARN");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    ServiceProcess service = new ServiceProcess(builder.start(), port);
    Thread reader = new Thread(service::read, "service-output");
    reader.setDaemon(true);
    reader.start();
    service.reader = reader;
    for (int waited = 0; !service.ready.await(1, TimeUnit.SECONDS); waited++) {
      if (!service.process.isAlive() || waited > 120) {
        service.kill();
        throw new AssertionError("the service did not start:\n" + String.join("\n", service.lines));
      }
    }
    return service;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
        Matcher m = PG_PORT.matcher(line);
        if (m.find()) {
          printed.put("pgPort", m.group(1));
        }
        if (line.startsWith("DP_")) {
          int eq = line.indexOf('=');
          printed.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
          if (line.startsWith("DP_READY")) {
            ready.countDown();
          }
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  public String value(String name) {
    return printed.get(name);
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** SIGKILL: no shutdown hook, no goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /**
   * SIGTERM, as a service manager sends it to stop the service; answers at once. Sent through the
   * process handle: {@code Process.destroy()} also closes our end of its output, and the lines it
   * prints while it stops would be lost.
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /** The exit code once the process has ended within {@code limit}; fails if it did not. */
  public int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the service still runs after " + limit + ":\n" + String.join("\n", output()));
    }
    reader.join(10_000); // its last lines may still be in the pipe
    return process.exitValue();
  }

  /** Every line the process printed so far. */
  public List<String> output() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The embedded PostgreSQL's postmaster while it runs: the first line of its {@code postmaster.pid}. */
  public static long postmasterPid(Path dataDir) throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid"))
        .get(0).trim());
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
