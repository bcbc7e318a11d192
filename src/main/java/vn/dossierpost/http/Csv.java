package vn.dossierpost.http;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, as uploads (the order import, the procedure catalogue) send it: comma-separated,
 * double-quoted fields with "" for a quote, CRLF or LF.
 */
public final class Csv {

  private Csv() {
  }

  /** Every record of {@code text}; a trailing empty line is not a record. A BOM is skipped. */
  public static List<List<String>> parse(String text) {
    return read(text).records();
  }

  /**
   * The records and the line of the file each starts on (1 for the first): a quoted field may
   * hold line breaks, so a record's index is not its line.
   */
  public record Parsed(List<List<String>> records, List<Integer> lines) {
  }

  public static Parsed read(String text) {
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    int line = 1;
    int start = 1;
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          // a break inside quotes: CRLF, LF or a lone CR counts as one line
          if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
          record.add(field.toString());
          records.add(record);
          lines.add(start);
        }
        line++;
        start = line;
        record = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
      lines.add(start);
    }
    return new Parsed(records, lines);
  }
}
