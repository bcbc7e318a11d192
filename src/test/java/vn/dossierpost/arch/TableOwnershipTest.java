package vn.dossierpost.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table (README, "How it is built"): only the owning package's SQL names a table;
 * every other feature calls that package. Checked on the sources' string literals, where the
 * statements live.
 */
class TableOwnershipTest {

  /** Table → the one package (below {@code vn.dossierpost}) whose SQL may name it. */
  static final Map<String, String> OWNERS = Map.ofEntries(
      Map.entry("orders", "order"),
      Map.entry("dossiers", "dossier"),
      Map.entry("order_events", "tracking"),
      Map.entry("event_inbox", "tracking.inbox"),
      Map.entry("webhook_messages", "tracking.inbox"),
      Map.entry("outbox", "outbox"),
      Map.entry("outbox_queue", "outbox"),
      Map.entry("outbox_finished", "outbox"),
      Map.entry("offices", "access"),
      Map.entry("api_keys", "access"),
      Map.entry("webhook_secrets", "access"),
      Map.entry("idempotency_keys", "http"),
      Map.entry("item_code_ranges", "carrier"),
      Map.entry("carrier_cursors", "carrier"),
      Map.entry("carrier_rejected_records", "carrier"),
      Map.entry("service_keys", "link"),
      Map.entry("tracking_tokens", "link"),
      Map.entry("manifests", "label"),
      Map.entry("manifest_items", "label"),
      Map.entry("handovers", "courier"),
      Map.entry("handover_items", "courier"),
      Map.entry("callback_deliveries", "callback"),
      Map.entry("sms_messages", "notify"),
      Map.entry("sms_milestones", "notify"),
      Map.entry("money_movements", "money"),
      Map.entry("audit_trail", "audit"),
      Map.entry("procedures", "procedure"),
      Map.entry("shipments", "carrier.simulator"),
      Map.entry("feed", "carrier.simulator"),
      Map.entry("planned_events", "carrier.simulator"),
      Map.entry("scenario_overrides", "carrier.simulator"));

  private static final Path SOURCES = Path.of("src/main/java/vn/dossierpost");
  /** Ordinary string literals and text blocks. */
  private static final Pattern LITERAL =
      Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
  private static final Pattern NAMED = Pattern.compile(
      "(?i)\\b(?:from|join|update|into|table|analyze|vacuum|truncate)\\s+(?:only\\s+)?(\\w+)\\b"
          + "|'(\\w+)'::regclass");

  @Test
  void onlyItsOwnerNamesATable() throws IOException {
    List<String> strays = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        for (String table : tablesNamedIn(Files.readString(file))) {
          String owner = OWNERS.get(table);
          if (owner != null && !owner.equals(pkg)) {
            strays.add(SOURCES.relativize(file) + " names " + table + " (owner: " + owner + ")");
          }
        }
      }
    }
    assertThat(strays).isEmpty();
  }

  /** The check itself: it sees a table named in a literal, and only there. */
  @Test
  void theCheckSeesStatementsInLiteralsOnly() {
    assertThat(tablesNamedIn("String s = \"SELECT id FROM orders WHERE x\";"))
        .containsExactly("orders");
    assertThat(tablesNamedIn("String s = \"\"\"\n  UPDATE offices SET a = 1\n  \"\"\";"))
        .containsExactly("offices");
    assertThat(tablesNamedIn("q(\"SELECT 1 FROM a JOIN order_events e ON true\")"))
        .containsExactly("a", "order_events");
    assertThat(tablesNamedIn("q(\"ANALYZE outbox_queue\"); q(\"x 'event_inbox'::regclass\")"))
        .containsExactly("event_inbox", "outbox_queue");
    assertThat(tablesNamedIn("// rows from orders are read\nint orders = 1;")).isEmpty();
  }

  static TreeSet<String> tablesNamedIn(String source) {
    TreeSet<String> named = new TreeSet<>();
    Matcher literal = LITERAL.matcher(withoutComments(source));
    while (literal.find()) {
      String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
      Matcher m = NAMED.matcher(text);
      while (m.find()) {
        named.add((m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return named;
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
  }
}
