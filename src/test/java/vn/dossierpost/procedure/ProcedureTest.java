package vn.dossierpost.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a checklist is compared with a procedure's components, without a database. */
class ProcedureTest {

  private final Procedure licence = new Procedure("000.00.12.H56", "1.002804", "Cấp đổi giấy phép lái xe",
      true, true, 135_000, 5, List.of(
          new Component("Đơn đề nghị đổi giấy phép lái xe", Component.Kind.ORIGINAL, 1),
          new Component("Bản sao căn cước công dân", Component.Kind.COPY, 2)), null);

  @Test
  void namesMatchIgnoringCaseAndSpacingAndEntriesOfOneComponentAddUp() {
    JsonArray checklist = new JsonArray()
        .add(doc("  đơn đề nghị  đổi giấy phép lái xe", "ORIGINAL", null))
        .add(doc("BẢN SAO CĂN CƯỚC CÔNG DÂN", "COPY", 1))
        .add(doc("Bản sao căn cước công dân", "COPY", 1))
        .add(doc("Ảnh 3x4", "ORIGINAL", 2));

    assertThat(licence.shortfalls(checklist)).isEmpty();
  }

  @Test
  void anOriginalDoesNotStandInForACopyAndEachShortfallSaysHowMany() {
    JsonArray checklist = new JsonArray()
        .add(doc("Đơn đề nghị đổi giấy phép lái xe", "ORIGINAL", 1))
        .add(doc("Bản sao căn cước công dân", "ORIGINAL", 2))
        .add(doc("Bản sao căn cước công dân", "COPY", 1));

    List<Procedure.Shortfall> shortfalls = licence.shortfalls(checklist);

    assertThat(shortfalls).hasSize(1);
    assertThat(shortfalls.get(0).describe()).isEqualTo("Bản sao căn cước công dân (bản sao): cần 2, có 1");
    assertThat(licence.shortfalls(null)).hasSize(2);
  }

  private static JsonObject doc(String name, String kind, Integer count) {
    JsonObject doc = new JsonObject().put("name", name).put("kind", kind);
    return count == null ? doc : doc.put("count", count);
  }
}
