package vn.dossierpost.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.support.ServiceProcess;
import vn.dossierpost.support.TestDatabase;

/**
 * A postmaster is taken for the leftover of a data directory only when it is PostgreSQL working
 * in that directory: pids are reused, and the one in a stale pid file may be anyone's.
 */
class LeftoverPostmasterTest {

  @TempDir
  Path dataDir;

  @Test
  void aPidFileNamingAnUnrelatedLiveProcessIsRemovedAndThatProcessLeftAlone() throws Exception {
    int port = ServiceProcess.freePort();
    EmbeddedDatabase.start(dataDir, port).close();
    Process unrelated = new ProcessBuilder("sleep", "120").start();
    Path pgData = dataDir.resolve("pg");
    Path socketLock = Path.of(System.getProperty("java.io.tmpdir"), ".s.PGSQL." + port + ".lock");
    try {
      // What a postmaster killed with SIGKILL leaves, once its pid went to another process.
      String pid = Long.toString(unrelated.pid());
      Files.write(pgData.resolve("postmaster.pid"), List.of(pid, pgData.toString(), "1700000000",
          Integer.toString(port), System.getProperty("java.io.tmpdir"), "localhost",
          "  " + port + "001         0", "ready   "));
      Files.write(socketLock, List.of(pid, pgData.toString(), "1700000000", Integer.toString(port)));

      try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, port)) {
        assertThat(selectOne(database.target())).isEqualTo(1);
      }
      assertThat(unrelated.isAlive()).as("the unrelated process is not signalled").isTrue();
    } finally {
      unrelated.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(socketLock);
    }
  }

  @Test
  void thePostmasterOfAnotherDataDirectoryIsNotTakenForOurs() throws Exception {
    Path theirs;
    try (Connection conn = connect(TestDatabase.target()); Statement st = conn.createStatement();
         ResultSet rs = st.executeQuery("SHOW data_directory")) {
      rs.next();
      theirs = Path.of(rs.getString(1));
    }
    long postmaster = Long.parseLong(Files.readAllLines(theirs.resolve("postmaster.pid")).get(0).trim());
    Files.createDirectories(dataDir.resolve("pg"));

    assertThat(LeftoverPostmaster.isPostmasterOf(postmaster, theirs)).isTrue();
    assertThat(LeftoverPostmaster.isPostmasterOf(postmaster, dataDir.resolve("pg"))).isFalse();
  }

  private static int selectOne(DatabaseTarget target) throws Exception {
    try (Connection conn = connect(target); Statement st = conn.createStatement();
         ResultSet rs = st.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Connection connect(DatabaseTarget target) throws Exception {
    return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
  }
}
