package vn.dossierpost.db;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL running: it looks at the postmaster every {@code every} and, if
 * it died (the OOM killer, a crash), starts it again on the same data directory, where it runs
 * crash recovery. The pools reconnect by themselves. After {@code maxFailedRestarts} failed
 * restarts in a row it reports itself unhealthy ({@code /health} DOWN) and keeps trying, backing
 * off. Its checks and restarts block, so they run on a thread of their own.
 */
public final class Supervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  private final EmbeddedDatabase database;
  private final Duration every;
  private final int maxFailedRestarts;
  private final ScheduledThreadPoolExecutor thread;
  private final Backoff backoff = Backoff.database(LOG, "database_restart");
  private volatile boolean healthy = true;
  private volatile boolean closed;
  private int downChecks;
  private long downSince;

  private Supervisor(EmbeddedDatabase database, Duration every, int maxFailedRestarts) {
    this.database = database;
    this.every = every;
    this.maxFailedRestarts = maxFailedRestarts;
    this.thread = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread t = Executors.defaultThreadFactory().newThread(runnable);
      t.setName("dp-db-supervisor");
      t.setDaemon(true);
      return t;
    });
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  public static Supervisor start(EmbeddedDatabase database, Duration every, int maxFailedRestarts) {
    Supervisor supervisor = new Supervisor(database, every, maxFailedRestarts);
    supervisor.schedule(every);
    return supervisor;
  }

  /** False once {@code maxFailedRestarts} restarts in a row have failed, until one succeeds. */
  public boolean healthy() {
    return healthy;
  }

  private void schedule(Duration after) {
    if (!closed) {
      thread.schedule(this::check, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
    }
  }

  private void check() {
    if (closed) {
      return;
    }
    if (database.running()) {
      downChecks = 0;
      schedule(every);
      return;
    }
    if (++downChecks == 1) {
      // Restarted at the next look, not this one: the dead postmaster's backends need a moment
      // to notice and exit, and a new postmaster refuses to start while they hold its memory.
      downSince = System.nanoTime();
      LOG.warn("event=embedded_database_down action=restart");
      schedule(every);
      return;
    }
    try {
      database.restart();
      backoff.succeeded();
      healthy = true;
      downChecks = 0;
      LOG.info("event=embedded_database_up down_ms={}", (System.nanoTime() - downSince) / 1_000_000);
      schedule(every);
    } catch (Exception e) {
      Duration delay = backoff.failed(e);
      if (backoff.failures() == maxFailedRestarts) {
        healthy = false;
        LOG.error("event=embedded_database_unrecoverable failed_restarts={} error=\"{}\"",
            backoff.failures(), e.getMessage());
      }
      schedule(delay);
    }
  }

  /** Stops watching (before the database is stopped on purpose); waits for a restart under way. */
  @Override
  public void close() {
    closed = true;
    thread.shutdown();
    try {
      thread.awaitTermination(90, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
