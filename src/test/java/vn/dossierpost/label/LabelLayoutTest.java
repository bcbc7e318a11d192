package vn.dossierpost.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class LabelLayoutTest {

  @Test
  void theBundledLayoutsLoadAndKeepTheScanningRules() {
    LabelLayout thermal = LabelLayout.load("thermal-100x150");
    LabelLayout.Sheet a4 = LabelLayout.loadSheet("a4-4up");

    assertThat(thermal.widthMm()).isEqualTo(101.6f);
    assertThat(a4.slots()).hasSize(4);
    assertThat(a4.label().name()).isEqualTo("a6");
    assertThat(thermal.elements()).anyMatch(e -> e instanceof LabelLayout.Code128)
        .anyMatch(e -> e instanceof LabelLayout.Qr);
  }

  @Test
  void aLayoutThatBreaksABarcodeRuleIsRefusedAtLoad() {
    assertThatThrownBy(() -> LabelLayout.parse(layout(code128(0.25, 16, 10))))
        .hasMessageContaining("0.33 mm");
    assertThatThrownBy(() -> LabelLayout.parse(layout(code128(0.375, 10, 10))))
        .hasMessageContaining("12.5 mm");
    assertThatThrownBy(() -> LabelLayout.parse(layout(code128(0.375, 16, 5))))
        .hasMessageContaining("quiet zone");
  }

  @Test
  void anElementOutsideThePageIsRefusedAtLoad() {
    JsonObject text = new JsonObject().put("type", "text").put("field", "x").put("x", 90).put("y", 10)
        .put("w", 20).put("h", 5).put("size", 9);

    assertThatThrownBy(() -> LabelLayout.parse(layout(text))).hasMessageContaining("outside the page");
  }

  private static JsonObject code128(double module, double height, int quiet) {
    return new JsonObject().put("type", "code128").put("field", "itemCode").put("x", 2).put("y", 2)
        .put("w", 96).put("h", height).put("module", module).put("quietZone", quiet);
  }

  private static JsonObject layout(JsonObject element) {
    return new JsonObject().put("name", "test").put("widthMm", 100).put("heightMm", 150)
        .put("elements", new JsonArray().add(element));
  }
}
