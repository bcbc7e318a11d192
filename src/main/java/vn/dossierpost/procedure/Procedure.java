package vn.dossierpost.procedure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One procedure of an office's published list: its national code and name, whether it may be
 * submitted and its result returned by post (Circular 01/2018/TT-VPCP), the fee, the processing
 * time in working days, and the components a dossier of it must hold.
 */
public record Procedure(String officeCode, String code, String name, boolean postalSubmissionAllowed,
    boolean postalReturnAllowed, long fee, int processingDays, List<Component> components,
    OffsetDateTime updatedAt) {

  public Procedure {
    components = List.copyOf(components);
  }

  /**
   * Whether a dossier of this procedure may go by post in {@code mode}: submission needs the
   * postal-submission column, a result by post the postal-return column, both need both.
   */
  public boolean allows(Mode mode) {
    return switch (mode) {
      case SUBMIT_BY_POST -> postalSubmissionAllowed;
      case RESULT_BY_POST -> postalReturnAllowed;
      case BOTH -> postalSubmissionAllowed && postalReturnAllowed;
    };
  }

  /** As {@link #allows(Mode)} for a mode's name; an unknown name is not allowed. */
  public boolean allows(String mode) {
    Mode m = Mode.of(mode);
    return m != null && allows(m);
  }

  /** A component short on a checklist: what the catalogue asks, and how many the list has. */
  public record Shortfall(Component component, int present) {

    /** In words, for a discrepancy or a field error: name, kind, needed and present. */
    public String describe() {
      return component.describe() + ": cần " + component.count() + ", có " + present;
    }
  }

  /**
   * The components that {@code checklist} (entries {@code {name, kind, count}}, a missing count
   * being one) does not hold as many of as this procedure asks, in the catalogue's order. Names
   * match ignoring case and spacing; an original does not stand in for a copy, nor the reverse.
   * Documents the catalogue does not list are not a shortfall.
   */
  public List<Shortfall> shortfalls(JsonArray checklist) {
    Map<String, Integer> present = new HashMap<>();
    if (checklist != null) {
      for (Object o : checklist) {
        if (o instanceof JsonObject doc && doc.getString("name") != null && doc.getString("kind") != null) {
          present.merge(Component.key(doc.getString("kind"), doc.getString("name")),
              doc.getInteger("count", 1), Integer::sum);
        }
      }
    }
    List<Shortfall> shortfalls = new ArrayList<>();
    for (Component c : components) {
      int have = present.getOrDefault(c.key(), 0);
      if (have < c.count()) {
        shortfalls.add(new Shortfall(c, have));
      }
    }
    return shortfalls;
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    components.forEach(c -> list.add(c.toJson()));
    JsonObject json = new JsonObject().put("officeCode", officeCode).put("code", code).put("name", name)
        .put("postalSubmissionAllowed", postalSubmissionAllowed)
        .put("postalReturnAllowed", postalReturnAllowed).put("fee", fee)
        .put("processingDays", processingDays).put("components", list);
    if (updatedAt != null) {
      json.put("updatedAt", updatedAt.toString());
    }
    return json;
  }

  /** What the audit trail keeps of it: everything but the time of the change. */
  JsonObject audited() {
    JsonObject json = toJson();
    json.remove("updatedAt");
    JsonArray stored = new JsonArray();
    components.forEach(c -> stored.add(c.stored()));
    return json.put("components", stored);
  }

  JsonArray storedComponents() {
    JsonArray stored = new JsonArray();
    components.forEach(c -> stored.add(c.stored()));
    return stored;
  }

  static Procedure from(Row row) {
    List<Component> components = new ArrayList<>();
    Object raw = row.getValue("components");
    JsonArray array = raw instanceof JsonArray a ? a : new JsonArray(String.valueOf(raw));
    for (Object o : array) {
      components.add(Component.fromJson((JsonObject) o));
    }
    return new Procedure(row.getString("office_code"), row.getString("code"), row.getString("name"),
        row.getBoolean("postal_submission"), row.getBoolean("postal_return"), row.getLong("fee"),
        row.getInteger("processing_days"), components, row.getOffsetDateTime("updated_at"));
  }
}
