package vn.dossierpost.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The postmaster a dead owner of the data directory left behind: pg_ctl starts it as a process of
 * its own, so it outlives a service killed with SIGKILL. It is stopped only once {@code /proc}
 * shows a {@code postgres} process working in this very directory; pids are reused, so a
 * {@code postmaster.pid} naming anything else is stale and only removed. Called with the
 * directory's {@link DataDirectoryLock} held: no live owner can be using that postmaster.
 */
final class LeftoverPostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);

  /** Fast shutdown (SIGINT) rolls back what the dead owner left open and writes a checkpoint. */
  private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(20);
  /** Immediate shutdown (SIGQUIT) skips the checkpoint; the next start replays the WAL. */
  private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(5);
  private static final Duration KILLED = Duration.ofSeconds(5);
  private static final Duration PORT_RELEASED = Duration.ofSeconds(10);

  /** The lines of {@code postmaster.pid} this needs (PostgreSQL's own layout, 1-based: 1, 2, 4, 5). */
  record PidFile(long pid, String dataDir, int port, String socketDir) {

    static Optional<PidFile> parse(List<String> lines) {
      try {
        return Optional.of(new PidFile(Long.parseLong(lines.get(0).trim()), lines.get(1).trim(),
            Integer.parseInt(lines.get(3).trim()), lines.size() > 4 ? lines.get(4).trim() : ""));
      } catch (RuntimeException unreadable) {
        return Optional.empty();
      }
    }
  }

  private LeftoverPostmaster() {
  }

  /** Blocking: afterwards no postmaster runs on {@code pgData} and its pid file is gone. */
  static void clear(Path pgData) throws IOException {
    Path file = pgData.resolve("postmaster.pid");
    if (!Files.exists(file)) {
      return;
    }
    Optional<PidFile> read = PidFile.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    if (read.isPresent() && isPostmasterOf(read.get().pid(), pgData)) {
      stop(read.get(), pgData);
    } else {
      LOG.warn("event=stale_postmaster_pid pid={} data={} action=remove",
          read.map(p -> Long.toString(p.pid())).orElse("unreadable"), pgData);
    }
    Files.deleteIfExists(file);
    read.ifPresent(LeftoverPostmaster::removeSocketLock);
  }

  /** Whether something accepts connections on {@code port} of the loopback. */
  static boolean accepting(int port) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** A live (not zombie) {@code postgres} process whose working or {@code -D} directory is ours. */
  static boolean isPostmasterOf(long pid, Path pgData) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      String[] argv = postgresArgv(pid).orElse(null);
      if (argv == null) {
        return false;
      }
      Path ours = pgData.toRealPath();
      if (proc.resolve("cwd").toRealPath().equals(ours)) {
        return true;
      }
      for (int i = 0; i + 1 < argv.length; i++) {
        if (argv[i].equals("-D") && Path.of(argv[i + 1]).toRealPath().equals(ours)) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
  }

  /** The command line of a live {@code postgres} process, if {@code pid} is one. */
  private static Optional<String[]> postgresArgv(long pid) {
    if (ended(pid)) {
      return Optional.empty();
    }
    try {
      String[] argv = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"),
          StandardCharsets.UTF_8).split("\0");
      Path program = argv.length == 0 || argv[0].isEmpty() ? null : Path.of(argv[0]).getFileName();
      return program != null && program.toString().equals("postgres") ? Optional.of(argv) : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * Gone, or a zombie: an orphaned postmaster that has exited may stay one until init reaps it,
   * and it still counts as alive to {@code kill(pid, 0)} and {@link ProcessHandle#isAlive()}.
   */
  static boolean ended(long pid) {
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
      } catch (IOException | RuntimeException gone) {
        return true;
      }
    }
    return true;
  }

  /** Fast shutdown, then immediate, then SIGKILL to it and its backends; each wait bounded. */
  private static void stop(PidFile leftover, Path pgData) throws IOException {
    long pid = leftover.pid();
    long started = System.nanoTime();
    List<ProcessHandle> backends = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
    LOG.warn("event=leftover_postmaster pid={} port={} data={} action=stop", pid, leftover.port(), pgData);
    String how = "SIGINT";
    signal("INT", pid);
    if (!awaitUntil(FAST_SHUTDOWN, () -> ended(pid))) {
      how = "SIGQUIT";
      signal("QUIT", pid);
      if (!awaitUntil(IMMEDIATE_SHUTDOWN, () -> ended(pid))) {
        how = "SIGKILL";
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        backends.forEach(ProcessHandle::destroyForcibly);
      }
    }
    // Backends still attached to its shared memory would make the next postmaster refuse to start.
    if (!awaitUntil(KILLED, () -> ended(pid) && backends.stream().allMatch(b -> ended(b.pid())))) {
      throw new EmbeddedDatabase.Refused("the PostgreSQL left running on " + pgData + " (pid " + pid
          + ") did not stop, even on SIGKILL; stop it and start again");
    }
    if (!awaitUntil(PORT_RELEASED, () -> !accepting(leftover.port()))) {
      LOG.warn("event=leftover_postmaster_port_busy port={}", leftover.port());
    }
    LOG.warn("event=leftover_postmaster_stopped pid={} by={} ms={}", pid, how,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * A postmaster that did not shut down leaves the lock of its socket, naming its pid; the next
   * server on that port would refuse it while the pid lives on in another process.
   */
  private static void removeSocketLock(PidFile leftover) {
    if (leftover.socketDir().isEmpty()) {
      return;
    }
    if (postgresArgv(leftover.pid()).isPresent()) {
      return; // another directory's server, which the lock rightly names
    }
    Path socket = Path.of(leftover.socketDir(), ".s.PGSQL." + leftover.port());
    Path lock = Path.of(socket + ".lock");
    try {
      List<String> lines = Files.exists(lock) ? Files.readAllLines(lock) : List.of();
      if (!lines.isEmpty() && lines.get(0).trim().equals(Long.toString(leftover.pid()))) {
        Files.deleteIfExists(lock);
        Files.deleteIfExists(socket);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("event=stale_socket_lock path={} error={}", lock, e.toString());
    }
  }

  private static void signal(String name, long pid) throws IOException {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping postmaster " + pid, e);
    }
  }

  private static boolean awaitUntil(Duration limit, BooleanSupplier done) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return done.getAsBoolean();
      }
    }
    return true;
  }
}
