package vn.dossierpost.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One owner per data directory; the refusal across processes is in DataDirectoryOwnershipTest. */
class DataDirectoryLockTest {

  @TempDir
  Path dataDir;

  @Test
  void aSecondOwnerIsRefusedWithTheDirectoryAndTheHoldersPid() throws Exception {
    try (DataDirectoryLock held = DataDirectoryLock.acquire(dataDir)) {
      assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDir))
          .isInstanceOf(EmbeddedDatabase.Refused.class)
          .hasMessage("data directory " + dataDir.toRealPath() + " is already in use by pid "
              + ProcessHandle.current().pid()
              + "; stop that process first, or give this one a DP_DATA_DIR of its own");
    }
  }

  @Test
  void theLockFileNamesTheOwnerAndTheDirectoryIsFreeAgainOnceItIsReleased() throws Exception {
    DataDirectoryLock.acquire(dataDir).close();

    try (DataDirectoryLock again = DataDirectoryLock.acquire(dataDir)) {
      assertThat(Files.readString(dataDir.resolve(DataDirectoryLock.FILE)).trim())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
  }
}
