package vn.dossierpost.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one process that owns a data directory: an exclusive lock on {@code dossier-post.lock},
 * held as long as the process lives. The kernel drops it when the process dies, however it dies,
 * so a lock is never stale; the file only says who holds it (its pid), for the refusal message.
 */
final class DataDirectoryLock implements AutoCloseable {

  static final String FILE = "dossier-post.lock";

  /**
   * Directories locked by this JVM. A file lock is per process, and on Linux closing any channel
   * on the file drops it: a second attempt from the same JVM must not even open the file.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(Path directory, FileChannel channel, FileLock lock) {
    this.directory = directory;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, or refuses without changing anything in the directory. */
  static DataDirectoryLock acquire(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path directory = dataDir.toRealPath();
    long self = ProcessHandle.current().pid();
    if (!HELD_HERE.add(directory)) {
      throw refusal(directory, Optional.of(self));
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw refusal(directory, holder(channel));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
      return new DataDirectoryLock(directory, channel, lock);
    } catch (IOException | RuntimeException e) {
      HELD_HERE.remove(directory);
      if (channel != null) {
        channel.close();
      }
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      return null;
    }
  }

  /** The pid the holder wrote, if it wrote one yet. */
  private static Optional<Long> holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException unknown) {
      return Optional.empty();
    }
  }

  private static EmbeddedDatabase.Refused refusal(Path directory, Optional<Long> holder) {
    return new EmbeddedDatabase.Refused("data directory " + directory + " is already in use"
        + holder.map(pid -> " by pid " + pid).orElse("")
        + "; stop that process first, or give this one a DP_DATA_DIR of its own");
  }

  /** Released at close, or by the kernel when the process dies. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      HELD_HERE.remove(directory);
    }
  }
}
