package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.dossierpost.http.FieldError;

/** The hand-written check agrees with the schema's rules at their edges. */
class RecordContractTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"2025-11-24T10:02:11+07:00", "2025-11-24T10:02+07:00", "2024-02-29T00:00:00Z",
      "2025-11-24T10:02:11.123456789-03:30", "2000-01-01T00:00:00Z"})
  void readsEveryTimeTheSchemaAllowsAsJavaDoes(String time) {
    assertThat(RecordContract.parseDate(time)).isEqualTo(OffsetDateTime.parse(time));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-02-29T00:00:00Z", "2025-11-24T24:00:00Z", "2025-11-24T10:02:11",
      "2025-11-24 10:02:11+07:00", "2025-11-24T10:02:11+0700", "2025-11-24T10:02:11z",
      "2025-11-24T10:02:11.1234567891Z", "2025-11-24T10:02:11.Z", "25-11-24T10:02:11Z",
      "2025-11-24T10:02:11+19:00", "yesterday", ""})
  void refusesWhatTheSchemaRefuses(String time) {
    assertThat(RecordContract.parseDate(time)).isNull();
  }

  @Test
  void aStatusCodeIsAnIntegerInTheJsonSenseAndWithinRange() {
    assertThat(errors(record().put("StatusCode", 7.0))).isEmpty();
    assertThat(errors(record().put("StatusCode", 7.5))).containsExactly("StatusCode:type");
    assertThat(errors(record().put("StatusCode", "7"))).containsExactly("StatusCode:type");
    assertThat(errors(record().put("StatusCode", new BigInteger("1" + "0".repeat(40)))))
        .containsExactly("StatusCode:out_of_range");
    assertThat(errors(record().put("StatusCode", 1000))).containsExactly("StatusCode:out_of_range");
  }

  @Test
  void aTimeMoreThanTenMinutesAheadIsOutOfRangeAndTenMinutesIsNot() {
    assertThat(errors(record().put("StatusDate", "2026-01-01T00:10:00Z"))).isEmpty();
    assertThat(errors(record().put("StatusDate", "2026-01-01T00:10:01Z")))
        .containsExactly("StatusDate:out_of_range");
    assertThat(errors(record().put("StatusDate", "1999-12-31T23:59:59Z")))
        .containsExactly("StatusDate:out_of_range");
  }

  @Test
  void aLengthCountsCharactersNotUtf16Units() {
    assertThat(errors(record().put("PostOfficeCode", "😀".repeat(32)))).isEmpty();
    assertThat(errors(record().put("PostOfficeCode", "😀".repeat(33))))
        .containsExactly("PostOfficeCode:too_long");
  }

  @Test
  void optionalFieldsMayBeNullButRequiredOnesMayNot() {
    assertThat(errors(record().putNull("Reason").putNull("CODCollected").putNull("_id"))).isEmpty();
    assertThat(errors(record().putNull("StatusCode"))).containsExactly("StatusCode:type");
  }

  @Test
  void aPolledElementThatIsNoRecordIsRejectedAndTheOthersAreRead() {
    CarrierRecords.Page page = new CarrierRecords(StatusMap.vnpost())
        .readPage(List.of("x", record(), 42), NOW);

    assertThat(page.events()).hasSize(1);
    assertThat(page.rejected()).extracting(r -> r.errors().get(0).field())
        .containsExactly("record", "record");
  }

  private static JsonObject record() {
    return new JsonObject().put("ItemCode", "EB100000017VN").put("StatusCode", 6)
        .put("StatusDate", "2025-11-25T08:05:00+07:00");
  }

  private static List<String> errors(JsonObject record) {
    List<FieldError> errors = new ArrayList<>();
    RecordContract.check(record, "", NOW, errors);
    return errors.stream().map(e -> e.field() + ":" + e.code()).toList();
  }
}
