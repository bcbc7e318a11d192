package vn.dossierpost.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.InputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.config.DatabaseTarget;

/**
 * PostgreSQL 17 run by the service itself. Unlike zonky's test defaults, it keeps its data
 * directory across restarts and runs with {@code fsync} and {@code synchronous_commit} on, so an
 * acknowledged write survives a crash of the process or the machine.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /**
   * Where the server puts its socket: the temporary directory, as PostgreSQL's own default
   * {@code /tmp}, whose path is short enough for a socket's (at most 107 bytes).
   */
  private static final String SOCKET_DIRECTORY = System.getProperty("java.io.tmpdir");

  /**
   * The server's binaries, straight from the bundle on the class path: zonky's own resolver
   * first looks for a distribution's bundle across the whole class path, which took half a
   * second of every start. One instance, as zonky remembers per resolver where it unpacked them.
   */
  private static final PgBinaryResolver BINARIES = (system, hardware) -> {
    InputStream bundle = EmbeddedDatabase.class.getResourceAsStream(
        "/postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + hardware + ".txz");
    return bundle != null ? bundle : DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, hardware);
  };

  private final EmbeddedPostgres postgres;
  private final Path pgData;
  private final DataDirectoryLock lock;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path pgData, DataDirectoryLock lock) {
    this.postgres = postgres;
    this.pgData = pgData;
    this.lock = lock;
  }

  /** Start-up refused for a reason the operator must fix; its message is one line saying which. */
  public static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  /** On the port a service with this data directory and no DP_DB_PORT would use. */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    return start(dataDir, AppConfig.DatabaseConfig.defaultEmbeddedPort(dataDir));
  }

  /**
   * Blocking: initdb on first use (a few seconds), then start. Call from a worker thread. Refused
   * while another process owns {@code dataDir}; a postmaster its dead owner left is stopped first.
   */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
    try {
      Path pgData = dataDir.resolve("pg");
      return new EmbeddedDatabase(startServer(pgData, port), pgData, lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static EmbeddedPostgres startServer(Path pgData, int port) throws IOException {
    Files.createDirectories(pgData);
    LeftoverPostmaster.clear(pgData);
    if (LeftoverPostmaster.accepting(port)) {
      throw new Refused("port " + port + " of the embedded database is taken by another process;"
          + " set DP_DB_PORT to a free one");
    }
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setPgBinaryResolver(BINARIES)
        .setPort(port)
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "200")
        // Room for the working set of a busy desk network (orders, recent events, outbox), and
        // checkpoints spaced out: each one makes the next change of every page log the whole
        // page. Crash recovery replays at most this much WAL.
        .setServerConfig("shared_buffers", "256MB")
        .setServerConfig("max_wal_size", "2GB")
        .setServerConfig("checkpoint_timeout", "10min")
        // Queue tables (outbox) need vacuuming every few seconds under load, not every minute.
        .setServerConfig("autovacuum_naptime", "5s")
        .setServerConfig("listen_addresses", "localhost")
        // The service's own pools connect through this socket (socketTarget()), Flyway by TCP.
        .setServerConfig("unix_socket_directories", SOCKET_DIRECTORY)
        // For profiling: DP_PG_PRELOAD=pg_stat_statements (README, configuration).
        .setServerConfig("shared_preload_libraries", System.getenv().getOrDefault("DP_PG_PRELOAD", ""))
        // initdb (zonky passes these as its --options): one syncfs of the file system instead of
        // an fsync per file, about 3 s less on a new data directory and as durable.
        .setLocaleConfig("sync-method", "syncfs")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    LOG.info("event=embedded_database port={} data={}", postgres.getPort(), pgData);
    return postgres;
  }

  /** By TCP on the loopback: for JDBC (Flyway) and tools. */
  public DatabaseTarget target() {
    return at("localhost");
  }

  /** Where {@link #target()} will be once a server on {@code port} has started. */
  public static DatabaseTarget target(int port) {
    return new DatabaseTarget("localhost", port, "postgres", "postgres", "");
  }

  /** Whether {@code dataDir} holds a database already: else {@link #start} creates one first. */
  public static boolean exists(Path dataDir) {
    return Files.exists(dataDir.resolve("pg").resolve("postgresql.conf"));
  }

  /**
   * Through the server's Unix-domain socket, if it has one (blocking: it looks for the socket
   * file): for the reactive pools on a Vert.x with a native transport, which they need for it. A round trip through the socket costs both
   * processes less kernel work than one through loopback TCP.
   */
  public Optional<DatabaseTarget> socketTarget() {
    Path socket = Path.of(SOCKET_DIRECTORY, ".s.PGSQL." + postgres.getPort());
    return Files.exists(socket) ? Optional.of(at(SOCKET_DIRECTORY)) : Optional.empty();
  }

  /** The server's database and superuser, reached at {@code host} (a name, or a socket's directory). */
  private DatabaseTarget at(String host) {
    return new DatabaseTarget(host, postgres.getPort(), "postgres", "postgres", "");
  }

  /**
   * Whether the postmaster of the data directory is alive (blocking: reads its pid file). One
   * that has ended but was not reaped yet (a zombie) is not running.
   */
  public boolean running() {
    return recordedPostmaster().filter(p -> p.isAlive() && !zombie(p.pid())).isPresent();
  }

  /** The process named by {@code postmaster.pid}, if the file and the process exist. */
  private Optional<ProcessHandle> recordedPostmaster() {
    try {
      Path pidFile = pgData.resolve("postmaster.pid");
      List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
      return lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Starts the postmaster again after it died, on the same data directory, port and settings
   * (blocking, up to a minute: PostgreSQL first replays its WAL). {@code pg_ctl restart} reads
   * those from {@code postmaster.opts}, which the postmaster wrote when it started; it runs under
   * {@code unshare -U} where zonky started it so, as PostgreSQL refuses to run as root. Its log
   * goes to {@code postgres-restart.log} next to the data directory.
   */
  public void restart() throws IOException {
    Optional<ProcessHandle> old = recordedPostmaster();
    if (old.isPresent() && old.get().isAlive()) {
      if (!zombie(old.get().pid())) {
        throw new IOException("the postmaster " + old.get().pid() + " still runs");
      }
      // Dead but not reaped (an init that reaps late, or none): both pg_ctl and the server would
      // take it for a live postmaster. Its memory is released, so its lock files may go.
      LOG.warn("event=embedded_database_stale_pid pid={} action=remove", old.get().pid());
      Files.deleteIfExists(pgData.resolve("postmaster.pid"));
      Files.deleteIfExists(Path.of(SOCKET_DIRECTORY, ".s.PGSQL." + postgres.getPort() + ".lock"));
    }
    List<String> opts = Files.readAllLines(pgData.resolve("postmaster.opts"));
    if (opts.isEmpty() || !opts.get(0).contains(" ")) {
      throw new IOException("postmaster.opts does not name the server's binary");
    }
    Path postgresBinary = Path.of(opts.get(0).substring(0, opts.get(0).indexOf(' ')));
    List<String> command = new java.util.ArrayList<>();
    if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(List.of(postgresBinary.resolveSibling("pg_ctl").toString(), "-D", pgData.toString(),
        "-l", pgData.resolveSibling("postgres-restart.log").toString(), "-w", "-t", "60", "restart"));
    Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).start();
    // pg_ctl's own few lines; the server's output goes to the log file, so this pipe ends with it.
    String output = new String(pgCtl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (!pgCtl.waitFor(90, java.util.concurrent.TimeUnit.SECONDS) || pgCtl.exitValue() != 0) {
        pgCtl.destroyForcibly();
        throw new IOException("pg_ctl restart failed: " + output.strip().replace('\n', ' ')
            + " (server log: " + pgData.resolveSibling("postgres-restart.log") + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while restarting the database", e);
    }
    LOG.info("event=embedded_database_restarted port={} data={}", postgres.getPort(), pgData);
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false; // no /proc (not Linux): trust isAlive()
    }
  }

  /** Stops the server, then lets the next owner have the directory. */
  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      lock.close();
    }
  }
}
