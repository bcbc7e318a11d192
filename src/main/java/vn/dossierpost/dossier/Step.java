package vn.dossierpost.dossier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The desk's steps on a dossier, each a {@code POST /api/v1/dossiers/{id}/<path>}. */
enum Step {
  RECEIVE("receive"), PROCESS("process"), SUPPLEMENT("supplement"), RESUME("resume"),
  RESULT_READY("result-ready"), CLOSE("close"), CANCEL("cancel");

  private final String path;

  Step(String path) {
    this.path = path;
  }

  String path() {
    return path;
  }

  /** As recorded in the dossier's steps and audit trail: {@code result_ready}. */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * What the desk may do to {@code d} now. Receiving needs the dossier collected (or the citizen
   * back with the missing documents); a result is marked ready once received; a dossier with a
   * DELIVERY leg is closed only after that leg ended, one without when its result is ready (the
   * citizen takes it at the desk).
   */
  static List<Step> allowed(Dossier d) {
    List<Step> steps = new ArrayList<>();
    switch (d.status()) {
      case COLLECTED -> steps.addAll(List.of(RECEIVE, SUPPLEMENT));
      case RECEIVED -> steps.addAll(List.of(PROCESS, SUPPLEMENT, RESULT_READY));
      case PROCESSING -> steps.addAll(List.of(SUPPLEMENT, RESULT_READY));
      case SUPPLEMENT_REQUESTED -> {
        steps.add(RECEIVE);
        if (d.receivedOnce()) {
          steps.add(RESUME);
        }
      }
      case RESULT_READY -> {
        if (d.deliveryOrderId() == null) {
          steps.add(CLOSE);
        }
      }
      case RESULT_DELIVERED, RESULT_RETURNED -> steps.add(CLOSE);
      default -> {
      }
    }
    if (!d.status().isFinal() && d.status() != DossierStatus.RESULT_WITH_POST
        && d.status() != DossierStatus.RESULT_DELIVERED && d.status() != DossierStatus.RESULT_RETURNED) {
      steps.add(CANCEL);
    }
    return steps;
  }
}
