package vn.dossierpost.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL of a service's data directory, seen from outside: its postmaster (from
 * {@code postmaster.pid}) and every process it started, so that a test can crash the database
 * the way a power cut or the OOM killer would.
 */
public final class Postmaster {

  private Postmaster() {
  }

  /** The running postmaster of {@code dataDir/pg}, if any (one that has ended is not running). */
  public static Optional<ProcessHandle> of(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("pg").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(p -> !ended(p));
  }

  /**
   * Whether a process has ended. The postmaster is an orphan (pg_ctl started it), so once it has
   * ended it may stay a zombie until init reaps it, and {@code isAlive()} still counts a zombie.
   */
  public static boolean ended(ProcessHandle process) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    } catch (IOException gone) {
      return true;
    }
  }

  /**
   * SIGKILL to the postmaster and all its backends at once: nothing is flushed or shut down, so
   * only what was already written to the WAL survives, and the next start runs crash recovery.
   */
  public static void crash(Path dataDir) throws Exception {
    ProcessHandle postmaster = of(dataDir)
        .orElseThrow(() -> new AssertionError("no running postmaster in " + dataDir));
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(0, postmaster);
    all.forEach(ProcessHandle::destroyForcibly);
    Eventually.within(Duration.ofSeconds(30), () ->
        assertThat(all).as("the database's processes have ended").allMatch(Postmaster::ended));
  }
}
