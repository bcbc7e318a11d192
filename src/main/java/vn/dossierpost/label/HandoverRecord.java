package vn.dossierpost.label;

import java.time.OffsetDateTime;
import java.util.List;
import vn.dossierpost.access.Office;

/**
 * What a post → desk handover record (biên bản giao nhận) prints: the office, the postal unit,
 * and per dossier what the courier listed at pickup against what the desk counted. Before the
 * desk has received it, {@code receivedAt} and each row's received counts are null: the record
 * prints as the list to sign, with empty columns to fill in by hand.
 */
public record HandoverRecord(String code, Office office, String postalUnit, String courierName,
    OffsetDateTime createdAt, OffsetDateTime receivedAt, List<Row> rows) {

  /** One dossier; {@code received} and {@code feeHandedOver} null while not yet received. */
  public record Row(String dossierCode, String itemCode, String procedure, int expected,
      Integer received, String sealNumber, Long feeHandedOver, String note) {
  }

  public int totalExpected() {
    return rows.stream().mapToInt(Row::expected).sum();
  }

  public int totalReceived() {
    return rows.stream().mapToInt(r -> r.received() == null ? 0 : r.received()).sum();
  }

  public long totalFees() {
    return rows.stream().mapToLong(r -> r.feeHandedOver() == null ? 0 : r.feeHandedOver()).sum();
  }

  public long discrepancies() {
    return rows.stream().filter(r -> r.note() != null).count();
  }
}
