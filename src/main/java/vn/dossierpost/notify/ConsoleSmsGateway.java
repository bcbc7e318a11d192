package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import vn.dossierpost.geo.Phones;

/**
 * The embedded service's gateway: each message is printed on standard output (and, if a file
 * is configured, appended to it as a JSON line) instead of being sent. The phone number is
 * masked in both: standard output is a log.
 */
public final class ConsoleSmsGateway implements SmsGateway {

  private final Vertx vertx;
  private final Optional<Path> file;

  public ConsoleSmsGateway(Vertx vertx, Optional<Path> file) {
    this.vertx = vertx;
    this.file = file;
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public Future<Accepted> send(Outgoing sms) {
    String masked = Phones.masked(sms.to());
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        System.out.println("SMS " + sms.brandname() + " -> " + masked + ": " + sms.text());
        System.out.flush();
        if (file.isPresent()) {
          String line = new JsonObject().put("ref", sms.ref()).put("to", masked)
              .put("from", sms.brandname()).put("text", sms.text()).encode() + "\n";
          Files.writeString(file.get(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        }
      }
      return new Accepted(sms.ref());
    }, false);
  }
}
