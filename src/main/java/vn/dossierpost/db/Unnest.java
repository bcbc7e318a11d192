package vn.dossierpost.db;

import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The parameters of a statement that writes many rows at once through
 * {@code unnest($1::type[], $2::type[], …)}: one array per column, each filled from the rows in
 * order. Columns are added in the order of the statement's parameters.
 *
 * <pre>{@code
 * Unnest.of(jobs).longs(Done::id).strings(Done::owner).tuple()
 * }</pre>
 */
public final class Unnest<T> {

  private final List<T> rows;
  private final Tuple tuple = Tuple.tuple();

  private Unnest(List<T> rows) {
    this.rows = rows;
  }

  public static <T> Unnest<T> of(List<T> rows) {
    return new Unnest<>(rows);
  }

  public Unnest<T> strings(Function<T, String> column) {
    tuple.addArrayOfString(fill(new String[rows.size()], column));
    return this;
  }

  public Unnest<T> uuids(Function<T, UUID> column) {
    tuple.addArrayOfUUID(fill(new UUID[rows.size()], column));
    return this;
  }

  public Unnest<T> longs(Function<T, Long> column) {
    tuple.addArrayOfLong(fill(new Long[rows.size()], column));
    return this;
  }

  public Unnest<T> integers(Function<T, Integer> column) {
    tuple.addArrayOfInteger(fill(new Integer[rows.size()], column));
    return this;
  }

  public Unnest<T> buffers(Function<T, io.vertx.core.buffer.Buffer> column) {
    tuple.addArrayOfBuffer(fill(new io.vertx.core.buffer.Buffer[rows.size()], column));
    return this;
  }

  public Unnest<T> times(Function<T, OffsetDateTime> column) {
    tuple.addArrayOfOffsetDateTime(fill(new OffsetDateTime[rows.size()], column));
    return this;
  }

  /**
   * A text[] column (PostgreSQL has no arrays of arrays): each row's values joined by commas, to
   * be split by {@code string_to_array(…, ',')} in the statement. For fixed identifiers only.
   */
  public Unnest<T> commaJoined(Function<T, Collection<String>> column) {
    return strings(row -> {
      Collection<String> values = column.apply(row);
      for (String v : values) {
        if (v.indexOf(',') >= 0) {
          throw new IllegalArgumentException("a value with a comma cannot be comma-joined: " + v);
        }
      }
      return String.join(",", values);
    });
  }

  public Tuple tuple() {
    return tuple;
  }

  private <V> V[] fill(V[] column, Function<T, V> value) {
    for (int i = 0; i < column.length; i++) {
      column[i] = value.apply(rows.get(i));
    }
    return column;
  }
}
