package vn.dossierpost.courier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.http.Fields;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.procedure.Component;
import vn.dossierpost.procedure.Procedure;
import vn.dossierpost.procedure.Procedures;

/**
 * A dossier's documents compared with its procedure's published components (Circular 17/2017,
 * Art. 5: steps 1–2 at pickup, step 6 at the desk), when the office's catalogue lists the order's
 * procedure; otherwise nothing changes. At pickup, a component the checklist lacks (or holds fewer
 * of) is refused (422 on {@code checklist}, naming it) unless the courier lists it under
 * {@code missing} with the reason the citizen gave: the courier tells the citizen what is missing
 * and either fails the collection ({@code DOSSIER_INCOMPLETE}) or takes the dossier short, in the
 * open. At the desk, a shortfall against the catalogue is a discrepancy naming the component.
 */
final class CatalogueCheck {

  /** The scan field where a courier marks components the citizen could not give. */
  static final String MISSING = "missing";
  private static final Pattern KIND = Pattern.compile("^(ORIGINAL|COPY)$");

  private CatalogueCheck() {
  }

  /**
   * Checks a PICKUP leg's COLLECTED scan against the catalogue, after the scan's own checks;
   * {@code missing} is read (and refused when malformed) whatever the action.
   */
  static Future<Void> pickup(SqlClient tx, Order order, ScanRequest scan) {
    Fields in = scan.in();
    Set<String> marked = marked(in);
    in.throwIfInvalid();
    if (order.leg() != Leg.PICKUP || scan.action() != ScanRequest.Action.COLLECTED) {
      return Future.succeededFuture();
    }
    return Procedures.find(tx, order.officeCode(), order.procedureCode()).map(found -> {
      if (found.isEmpty()) {
        return null;
      }
      for (Procedure.Shortfall s : found.get().shortfalls(scan.body().getJsonArray("checklist"))) {
        if (!marked.contains(s.component().key())) {
          in.error("checklist", "component_missing", "Thiếu thành phần theo danh mục thủ tục: "
              + s.describe() + ". Nhận đủ, hoặc ghi vào mục thiếu (missing) kèm lý do.");
        }
      }
      in.throwIfInvalid();
      return null;
    });
  }

  /** The components marked missing, by key; malformed entries are recorded as field errors. */
  private static Set<String> marked(Fields in) {
    Set<String> keys = new HashSet<>();
    JsonArray list = in.array(MISSING, false, 50);
    for (int i = 0; list != null && i < list.size(); i++) {
      Fields d = in.element(MISSING, i, Set.of("name", "kind", "reason"));
      if (d == null) {
        continue;
      }
      String name = d.text("name", true, 2, 200);
      String kind = d.code("kind", true, KIND, "Bản chính (ORIGINAL) hoặc bản sao (COPY).");
      d.text("reason", true, 3, 200);
      if (name != null && kind != null) {
        keys.add(Component.key(kind, name));
      }
    }
    return keys;
  }

  /**
   * The components marked missing as the scan's event keeps them: text normalised. Built before
   * the scan is checked, so what is malformed is skipped here (and refused by {@link #pickup}).
   */
  static JsonArray normalizedMissing(JsonArray list) {
    JsonArray out = new JsonArray();
    for (Object o : list) {
      if (o instanceof JsonObject m && m.getValue("name") instanceof String name
          && m.getValue("reason") instanceof String reason) {
        out.add(new JsonObject().put("name", Fields.normalize(name))
            .put("kind", String.valueOf(m.getValue("kind"))).put("reason", Fields.normalize(reason)));
      }
    }
    return out;
  }

  /** The desk's re-tally against the catalogue, as discrepancies; none when it is not listed. */
  static Future<List<String>> atDesk(SqlClient tx, Order order, JsonArray tallied) {
    return Procedures.find(tx, order.officeCode(), order.procedureCode()).map(found -> {
      List<String> discrepancies = new ArrayList<>();
      found.ifPresent(p -> p.shortfalls(tallied).forEach(s ->
          discrepancies.add("Chưa đủ theo danh mục thủ tục: " + s.describe())));
      return discrepancies;
    });
  }

  /** The item card with the procedure's components, for a PICKUP leg whose procedure is listed. */
  static Future<JsonObject> card(SqlClient client, Order order, JsonObject card) {
    if (order.leg() != Leg.PICKUP) {
      return Future.succeededFuture(card);
    }
    return Procedures.find(client, order.officeCode(), order.procedureCode()).map(found -> {
      found.ifPresent(procedure -> {
        JsonArray components = new JsonArray();
        procedure.components().forEach(c -> components.add(c.toJson()));
        card.put("procedure", new JsonObject().put("code", procedure.code()).put("name", procedure.name()))
            .put("components", components);
      });
      return card;
    });
  }
}
