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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The service in a process of its own, as an operator runs it: for tests that kill or stop it
 * ({@link #start}, from the test classpath), and for the benchmarks, which measure the packaged
 * jar ({@link #startJar}) and echo its warnings and errors. {@link #close} sends SIGTERM.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Pattern PG_PORT = Pattern.compile("event=embedded_database port=(\\d+)");
  /** Lines kept of what the process printed: a long benchmark run must not grow them forever. */
  private static final int MAX_LINES = 100_000;

  private final Process process;
  private final Map<String, String> printed = new ConcurrentHashMap<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  /** Guarded by itself: the reader thread appends, tests copy. */
  private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();
  public final int port;
  /** A benchmark's own temporary data directory, removed by {@link #close}; null for a test's. */
  private final Path ownDataDir;
  private final boolean echo;
  private Thread reader;
  /** Lines of a stack trace echoed since the last error or warning; more are left out. */
  private int trace = 40;

  private ServiceProcess(Process process, int port, Path dataDir, boolean benchmark) {
    this.process = process;
    this.port = port;
    this.ownDataDir = benchmark ? dataDir : null;
    this.echo = benchmark;
  }

  /** The service from the test classpath on {@code dataDir}, once it printed {@code DP_READY}. */
  public static ServiceProcess start(Path dataDir, int port, Map<String, String> env) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return start(List.of("-Xmx256m", "-cp", classPath, "vn.dossierpost.Main"), dataDir, port, env, false);
  }

  /**
   * The packaged service ({@code target/dossier-post.jar}, or {@code -Dbench.jar}) with the heap
   * {@code heap}, extra JVM options from {@code -Dbench.serviceJvmArgs}, and a fresh data
   * directory; its warnings and errors are echoed with their stack traces.
   */
  public static ServiceProcess startJar(String heap, Map<String, String> env) throws Exception {
    Path jar = Path.of(System.getProperty("bench.jar", "target/dossier-post.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package first");
    }
    List<String> options = new ArrayList<>(List.of("-Xmx" + heap));
    String extra = System.getProperty("bench.serviceJvmArgs");
    if (extra != null && !extra.isBlank()) {
      options.addAll(List.of(extra.trim().split("\\s+")));
    }
    options.addAll(List.of("-jar", jar.toString()));
    return start(options, Files.createTempDirectory("dp-bench"), freePort(), env, true);
  }

  /**
   * The service from the test classpath, not waiting for it to be ready: for a start that is
   * meant to be refused ({@link #awaitExit}, {@link #output}).
   */
  public static ServiceProcess launch(Path dataDir, int port, Map<String, String> env) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return spawn(List.of("-Xmx256m", "-cp", classPath, "vn.dossierpost.Main"), dataDir, port, env, false);
  }

  private static ServiceProcess start(List<String> options, Path dataDir, int port,
      Map<String, String> env, boolean benchmark) throws Exception {
    ServiceProcess service = spawn(options, dataDir, port, env, benchmark);
    for (int waited = 0; !service.ready.await(1, TimeUnit.SECONDS); waited++) {
      if (!service.process.isAlive() || waited > 120) {
        service.kill();
        service.deleteOwnDataDir();
        throw new AssertionError("the service did not start:\n" + String.join("\n", service.output()));
      }
    }
    return service;
  }

  private static ServiceProcess spawn(List<String> options, Path dataDir, int port,
      Map<String, String> env, boolean benchmark) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DP_DATA_DIR", dataDir.toString());
    builder.environment().put("DP_HTTP_PORT", Integer.toString(port));
    builder.environment().put("DP_SIMULATOR_PORT", Integer.toString(freePort()));
    builder.environment().put("DP_HTTP_LOG_LEVEL", "WARN");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    ServiceProcess service = new ServiceProcess(builder.start(), port, dataDir, benchmark);
    Thread reader = new Thread(service::read, "service-output");
    reader.setDaemon(true);
    reader.start();
    service.reader = reader;
    return service;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lines) {
          lines.addLast(line);
          if (lines.size() > MAX_LINES) {
            lines.removeFirst();
          }
        }
        echo(line);
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

  /** A benchmark shows the service's warnings and errors, with the stack trace that follows one. */
  private void echo(String line) {
    if (!echo) {
      return;
    }
    if (line.contains("level=ERROR") || line.contains("level=WARN")) {
      System.out.println("  [service] " + line);
      trace = 0;
    } else if (trace < 40 && (line.startsWith("\t") || line.startsWith("Caused by")
        || line.matches("^[a-z][\\w.$]*(Exception|Error)\\b.*"))) {
      System.out.println("  [service] " + line);
      trace++;
    }
  }

  public long pid() {
    return process.pid();
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

  /** SIGTERM and wait (SIGKILL after a minute); a benchmark's data directory is then removed. */
  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteOwnDataDir();
    }
  }

  private void deleteOwnDataDir() {
    if (ownDataDir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(ownDataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.out.println("  cleanup: " + e.getMessage());
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

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
