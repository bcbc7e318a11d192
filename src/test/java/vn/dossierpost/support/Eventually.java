package vn.dossierpost.support;

import java.time.Duration;

/** Polls an assertion until it holds or the time is up; then its last failure is thrown. */
public final class Eventually {

  private Eventually() {
  }

  public static void within(Duration limit, Runnable assertion) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(25);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
