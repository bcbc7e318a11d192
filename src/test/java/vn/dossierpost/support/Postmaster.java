package vn.dossierpost.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL of a service's data directory, seen from outside: its postmaster (from
 * {@code postmaster.pid}) and every process it started, so that a test can crash the database
 * the way a power cut or the OOM killer would.
 */
public final class Postmaster {

  private Postmaster() {
  }

  /** The running postmaster of {@code dataDir/pg}, if any. */
  public static Optional<ProcessHandle> of(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("pg").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
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
    for (ProcessHandle process : all) {
      process.onExit().get(30, TimeUnit.SECONDS);
    }
  }
}
