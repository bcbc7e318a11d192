package vn.dossierpost.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CallbackReceiver;
import vn.dossierpost.support.Dossiers;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;

/** The one-stop system hears which step each dossier took, in the line of one of its legs. */
class DossierCallbackTest {

  private final TestApp app = TestApp.shared();
  private final CallbackReceiver receiver = CallbackReceiver.start(app.app().vertx());

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void eachStepOfADossierIsCalledBackNamingTheStep() {
    receiver.script(n -> 200);
    TestApp.OfficeKeys keys = app.newOfficeWithCallback(receiver.url());
    receiver.secret(keys.callbackSecret());
    Dossiers desk = new Dossiers(app, keys);
    JsonObject created = desk.created("RESULT_BY_POST");
    String id = created.getString("id");

    desk.step(id, "process", new JsonObject());
    desk.step(id, "result-ready", new JsonObject());

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(steps(id)).hasSize(3));
    List<JsonObject> steps = steps(id);
    assertThat(steps.stream().map(s -> s.getString("step") + ":" + s.getString("to")))
        .containsExactly("create:RECEIVED", "process:PROCESSING", "result_ready:RESULT_READY");
    assertThat(steps.get(2).getString("dossierCode")).isEqualTo(created.getString("dossierCode"));
    assertThat(steps.get(2).getString("mode")).isEqualTo("RESULT_BY_POST");
    assertThat(receiver.all()).allMatch(CallbackReceiver.Received::signatureValid);
    // the leg's own changes still go out as before, beside the steps
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(receiver.acceptedByOrder()
        .get(created.getString("deliveryOrderId"))).extracting(c -> c.getString("to"))
        .startsWith("AWAITING_RESULT", "CREATED"));
  }

  private List<JsonObject> steps(String dossierId) {
    return receiver.all().stream().map(CallbackReceiver.Received::body)
        .filter(b -> "dossier.step".equals(b.getString("type"))
            && dossierId.equals(b.getString("dossierId")))
        .distinct().toList();
  }
}
