package vn.dossierpost.tracking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A carrier's status codes → our event codes, read from tracking-contracts/ at start-up. A code
 * the map does not know, or lists as UNMAPPED, gives no event code: the event is stored and
 * flagged and never changes a status.
 */
public final class StatusMap {

  /** One line of the map. */
  public record Entry(String code, String name, Optional<EventCode> event) {
  }

  private final Map<String, Entry> entries;

  private StatusMap(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  public static StatusMap vnpost() {
    return load("/tracking-contracts/vnpost-status-map.csv");
  }

  static StatusMap load(String resource) {
    try (InputStream in = StatusMap.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, Entry> entries = new HashMap<>();
      String header = reader.readLine();
      if (header == null || !header.startsWith("code,")) {
        throw new IllegalStateException(resource + ": no header");
      }
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", 5);
        String event = cells[3].trim();
        Optional<EventCode> code = "UNMAPPED".equals(event) ? Optional.empty()
            : Optional.of(EventCode.valueOf(event));
        entries.put(cells[0].trim(), new Entry(cells[0].trim(), cells[1].trim(), code));
      }
      return new StatusMap(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Our code for the carrier's; empty when unmapped or unknown. */
  public Optional<EventCode> map(String carrierCode) {
    Entry entry = entries.get(carrierCode);
    return entry == null ? Optional.empty() : entry.event();
  }

  public Optional<Entry> entry(String carrierCode) {
    return Optional.ofNullable(entries.get(carrierCode));
  }

  public int size() {
    return entries.size();
  }
}
