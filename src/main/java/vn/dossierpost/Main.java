package vn.dossierpost;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.config.ConfigException;
import vn.dossierpost.db.EmbeddedDatabase;

/** Starts the service from environment variables; SIGTERM or Ctrl-C stops it cleanly. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    AppConfig config;
    try {
      config = AppConfig.fromEnv(System.getenv());
    } catch (ConfigException e) {
      System.err.println("dossier-post: " + e.getMessage());
      System.exit(2);
      return;
    }
    App app;
    try {
      app = App.start(config).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      Optional<EmbeddedDatabase.Refused> refused = refusal(e);
      if (refused.isPresent()) {
        System.err.println("dossier-post: " + refused.get().getMessage());
      } else {
        log().error("event=startup_failed", e);
      }
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Logger log = log();
      log.info("event=shutdown_requested");
      try {
        app.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        log.info("event=stopped");
      } catch (Exception e) {
        log.error("event=shutdown_failed", e);
      }
      if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
        logback.stop();
      }
    }, "dossier-post-shutdown"));
  }

  /**
   * Looked up when needed, not when the class loads: the logging's set-up then runs beside the
   * database's start instead of before it.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(Main.class);
  }

  /** A refusal is the operator's to fix, not a bug: one line, no stack trace. */
  private static Optional<EmbeddedDatabase.Refused> refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EmbeddedDatabase.Refused refused) {
        return Optional.of(refused);
      }
    }
    return Optional.empty();
  }
}
