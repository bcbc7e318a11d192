package vn.dossierpost.courier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.http.Fields;

/** A dossier's document list: made by the courier at pickup, tallied again by the desk. */
final class Checklists {

  private static final Pattern KIND = Pattern.compile("^(ORIGINAL|COPY)$");

  private Checklists() {
  }

  /** The {@code checklist} field with each document checked; null when absent or unusable. */
  static JsonArray read(Fields in, boolean required) {
    JsonArray list = in.array("checklist", required, 50);
    if (list == null) {
      return null;
    }
    for (int i = 0; i < list.size(); i++) {
      Fields d = in.element("checklist", i, Set.of("name", "kind", "count"));
      if (d == null) {
        continue;
      }
      d.text("name", true, 2, 200);
      d.code("kind", true, KIND, "Bản chính (ORIGINAL) hoặc bản sao (COPY).");
      d.integer("count", false, 1, 100);
    }
    return list;
  }

  /** A checked list as it is stored: names normalised, a missing count is one. */
  static JsonArray normalized(JsonArray list) {
    JsonArray out = new JsonArray();
    for (Object o : list) {
      JsonObject doc = (JsonObject) o;
      out.add(new JsonObject().put("name", Fields.normalize(doc.getString("name")))
          .put("kind", doc.getString("kind")).put("count", doc.getInteger("count", 1)));
    }
    return out;
  }
}
