package vn.dossierpost;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * When each phase of a start began and ended, in milliseconds since the process started (the
 * JVM's own start-up is the phase {@code jvm}): logged in one line once the service is ready,
 * and read by the start-up benchmark and tests. Phases run concurrently; the times show which
 * waited for which. Every phase is also kept as a future, so that a failed start can wait for the
 * others before undoing them.
 */
public final class StartupPhases {

  /** One phase: {@code end} is -1 while it runs. */
  public record Phase(String name, long start, long end) {

    public boolean overlaps(Phase other) {
      return start < other.end && other.start < end;
    }

    @Override
    public String toString() {
      return name + "=" + start + "-" + end;
    }
  }

  private final long originNanos;
  /** How long the process ran before this object was made: the JVM's start-up, mostly. */
  private final long originSinceStart;
  private final Map<String, Phase> phases = new LinkedHashMap<>();
  private final List<Future<?>> running = new ArrayList<>();

  StartupPhases() {
    // The JVM's start is known to 10 ms from /proc; the phases after it to the nanosecond.
    originNanos = System.nanoTime();
    originSinceStart = sinceProcessStart();
    phases.put("jvm", new Phase("jvm", 0, originSinceStart));
  }

  /**
   * Milliseconds since this process was started, to 10 ms, from /proc: its start in clock ticks
   * since boot and the time since boot (ProcessHandle's start instant goes through the boot time
   * in whole seconds, and is up to a second off). 0 where there is no /proc.
   */
  private static long sinceProcessStart() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      // after the command's closing parenthesis: field 3 (state) onwards; starttime is field 22
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long startTicks = Long.parseLong(fields[19]);
      String uptime = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime")).split(" ")[0];
      long sinceBoot = Math.round(Double.parseDouble(uptime) * 1000);
      return Math.max(0, sinceBoot - startTicks * 10); // USER_HZ is 100 on Linux
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Milliseconds since the process started. */
  long now() {
    return (System.nanoTime() - originNanos) / 1_000_000 + originSinceStart;
  }

  /** Runs {@code phase} now and records its start and end (failed or not). */
  synchronized <T> Future<T> time(String name, Supplier<Future<T>> phase) {
    begin(name);
    Future<T> result;
    try {
      result = phase.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    running.add(result);
    return result.andThen(done -> end(name));
  }

  /** A blocking phase on a worker thread of its own, not queued behind another one. */
  <T> Future<T> blocking(Vertx vertx, String name, Callable<T> phase) {
    return time(name, () -> vertx.executeBlocking(phase, false));
  }

  /**
   * A blocking phase on a thread of its own, for one that may begin before Vert.x exists. Its
   * future's callbacks run on that thread.
   */
  <T> Future<T> thread(String name, Callable<T> phase) {
    return time(name, () -> {
      io.vertx.core.Promise<T> done = io.vertx.core.Promise.promise();
      Thread worker = new Thread(() -> {
        try {
          done.complete(phase.call());
        } catch (Throwable e) {
          done.fail(e);
        }
      }, "dp-start-" + name);
      worker.setDaemon(true);
      worker.start();
      return done.future();
    });
  }

  /** A phase that ran on the caller's thread from {@code start} ({@link #now}) until now. */
  synchronized void record(String name, long start) {
    begin(name);
    phases.put(name, new Phase(name, start, now()));
  }

  private synchronized void begin(String name) {
    if (phases.containsKey(name)) {
      throw new IllegalStateException("phase " + name + " ran twice");
    }
    phases.put(name, new Phase(name, now(), -1));
  }

  private synchronized void end(String name) {
    Phase began = phases.get(name);
    phases.put(name, new Phase(name, began.start(), now()));
  }

  /** Completes once every phase begun so far has ended, whether it succeeded or not. */
  synchronized Future<Void> settled() {
    return Future.join(new ArrayList<>(running)).otherwiseEmpty().mapEmpty();
  }

  /** Every phase so far, in the order they began; {@code jvm} starts at 0. */
  public synchronized List<Phase> phases() {
    return List.copyOf(phases.values());
  }

  /** {@code jvm=0-612 database=640-4210 …}: the figures of the {@code event=startup} line. */
  @Override
  public String toString() {
    return String.join(" ", phases().stream().map(Phase::toString).toList());
  }
}
