package vn.dossierpost.label;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A label layout as data (labels/*.json): the page in millimetres and what goes where. Read
 * once at start-up and checked: everything inside the page, barcodes within the scanning rules
 * (module ≥ 0.33 mm, height ≥ 12.5 mm, quiet zones ≥ 10 modules).
 */
public record LabelLayout(String name, float widthMm, float heightMm, List<Element> elements) {

  public static final float MIN_MODULE_MM = 0.33f;
  public static final float MIN_BAR_HEIGHT_MM = 12.5f;
  public static final int MIN_QUIET_ZONE = 10;

  public enum Align { LEFT, CENTER, RIGHT }

  /** One thing on the label. */
  public sealed interface Element permits Text, Box, Line, Code128, Qr {
  }

  /** A field of the label data (or fixed text) fitted into a box. */
  public record Text(String field, String text, float x, float y, float w, float h,
      LabelFonts.Face face, float size, float minSize, int maxLines, Align align)
      implements Element {
  }

  public record Box(float x, float y, float w, float h, float stroke) implements Element {
  }

  public record Line(float x1, float y1, float x2, float y2, float stroke) implements Element {
  }

  /** Code 128 of a field, centred in its area, which includes the quiet zones. */
  public record Code128(String field, float x, float y, float w, float h, float module,
      int quietZone) implements Element {
  }

  public record Qr(String field, float x, float y, float size) implements Element {
  }

  /** A sheet that carries several labels of one layout (A4 with four A6). */
  public record Sheet(String name, float widthMm, float heightMm, LabelLayout label,
      List<float[]> slots, boolean cutMarks) {
  }

  public static LabelLayout load(String name) {
    return parse(read(name));
  }

  public static Sheet loadSheet(String name) {
    JsonObject json = read(name);
    List<float[]> slots = new ArrayList<>();
    for (Object o : json.getJsonArray("slots")) {
      JsonObject slot = (JsonObject) o;
      slots.add(new float[] {slot.getFloat("x"), slot.getFloat("y")});
    }
    LabelLayout label = load(json.getString("label"));
    Sheet sheet = new Sheet(json.getString("name"), json.getFloat("widthMm"),
        json.getFloat("heightMm"), label, slots, json.getBoolean("cutMarks", false));
    for (float[] slot : slots) {
      check(slot[0] + label.widthMm() <= sheet.widthMm() + 0.01
          && slot[1] + label.heightMm() <= sheet.heightMm() + 0.01, name, "slot outside the sheet");
    }
    return sheet;
  }

  static LabelLayout parse(JsonObject json) {
    String name = json.getString("name");
    float width = json.getFloat("widthMm");
    float height = json.getFloat("heightMm");
    List<Element> elements = new ArrayList<>();
    JsonArray array = json.getJsonArray("elements");
    for (Object o : array) {
      JsonObject e = (JsonObject) o;
      Element element = switch (e.getString("type")) {
        case "text" -> new Text(e.getString("field"), e.getString("text"), e.getFloat("x"),
            e.getFloat("y"), e.getFloat("w"), e.getFloat("h"),
            LabelFonts.Face.valueOf(e.getString("face", "REGULAR")), e.getFloat("size"),
            e.getFloat("minSize", e.getFloat("size")), e.getInteger("maxLines", 1),
            Align.valueOf(e.getString("align", "LEFT")));
        case "box" -> new Box(e.getFloat("x"), e.getFloat("y"), e.getFloat("w"), e.getFloat("h"),
            e.getFloat("stroke", 0.3f));
        case "line" -> new Line(e.getFloat("x1"), e.getFloat("y1"), e.getFloat("x2"),
            e.getFloat("y2"), e.getFloat("stroke", 0.3f));
        case "code128" -> new Code128(e.getString("field"), e.getFloat("x"), e.getFloat("y"),
            e.getFloat("w"), e.getFloat("h"), e.getFloat("module"),
            e.getInteger("quietZone", MIN_QUIET_ZONE));
        case "qr" -> new Qr(e.getString("field"), e.getFloat("x"), e.getFloat("y"),
            e.getFloat("size"));
        default -> throw new IllegalArgumentException(name + ": unknown element " + e.getString("type"));
      };
      elements.add(element);
    }
    LabelLayout layout = new LabelLayout(name, width, height, List.copyOf(elements));
    layout.validate();
    return layout;
  }

  private void validate() {
    for (Element e : elements) {
      if (e instanceof Text t) {
        inside(t.x(), t.y(), t.w(), t.h());
        check(t.field() != null ^ t.text() != null, name, "text needs a field or a text");
        check(t.minSize() <= t.size() && t.maxLines() >= 1, name, "text sizes");
      } else if (e instanceof Box b) {
        inside(b.x(), b.y(), b.w(), b.h());
      } else if (e instanceof Line l) {
        inside(Math.min(l.x1(), l.x2()), Math.min(l.y1(), l.y2()),
            Math.abs(l.x2() - l.x1()), Math.abs(l.y2() - l.y1()));
      } else if (e instanceof Code128 c) {
        inside(c.x(), c.y(), c.w(), c.h());
        check(c.module() >= MIN_MODULE_MM, name, "Code 128 module below 0.33 mm");
        check(c.h() >= MIN_BAR_HEIGHT_MM, name, "Code 128 shorter than 12.5 mm");
        check(c.quietZone() >= MIN_QUIET_ZONE, name, "Code 128 quiet zone below 10 modules");
      } else if (e instanceof Qr q) {
        inside(q.x(), q.y(), q.size(), q.size());
      }
    }
  }

  private void inside(float x, float y, float w, float h) {
    check(x >= 0 && y >= 0 && x + w <= widthMm + 0.01 && y + h <= heightMm + 0.01, name,
        "element outside the page at " + x + "," + y);
  }

  private static void check(boolean ok, String layout, String what) {
    if (!ok) {
      throw new IllegalArgumentException("layout " + layout + ": " + what);
    }
  }

  private static JsonObject read(String name) {
    try (InputStream in = LabelLayout.class.getResourceAsStream("/labels/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no label layout " + name);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
