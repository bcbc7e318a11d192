package vn.dossierpost.procedure;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import vn.dossierpost.http.Fields;

/** One document a dossier of the procedure must hold: its name, original or copy, how many. */
public record Component(String name, Kind kind, int count) {

  /** Original (bản chính) or copy (bản sao), as couriers and desks write them on the list. */
  public enum Kind {
    ORIGINAL("Bản chính"), COPY("Bản sao");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The words on a checklist: "Bản chính" or "Bản sao". */
    public String label() {
      return label;
    }
  }

  /**
   * How a checklist entry is matched with this component: the kind and the name, normalised and
   * lower-cased, as the desk's re-tally already compares names.
   */
  public String key() {
    return key(kind.name(), name);
  }

  /** The key of a checklist entry of {@code kind} named {@code name}. */
  public static String key(String kind, String name) {
    return kind + "|" + Fields.normalize(name).toLowerCase(Locale.ROOT);
  }

  /** {@code name (bản chính)}: how messages name the component. */
  public String describe() {
    return name + " (" + kind.label().toLowerCase(Locale.ROOT) + ")";
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("kind", kind.name()).put("kindLabel", kind.label())
        .put("count", count);
  }

  static Component fromJson(JsonObject json) {
    return new Component(json.getString("name"), Kind.valueOf(json.getString("kind")),
        json.getInteger("count", 1));
  }

  /** As stored: without the label, which follows from the kind. */
  JsonObject stored() {
    return new JsonObject().put("name", name).put("kind", kind.name()).put("count", count);
  }
}
