package vn.dossierpost.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows submitted while a write is under way go together in the next one, in order. */
class CoalescerTest {

  private final List<List<Integer>> writes = new ArrayList<>();
  private final List<Promise<Void>> pending = new ArrayList<>();

  private Future<?> write(List<Integer> rows) {
    writes.add(List.copyOf(rows));
    Promise<Void> p = Promise.promise();
    pending.add(p);
    return p.future();
  }

  @Test
  void aLoneRowIsWrittenAtOnceAndLaterOnesWaitForItThenGoTogether() {
    Coalescer<Integer> c = new Coalescer<>(this::write, 100, 1_000);

    Future<Void> first = c.submit(1);
    Future<Void> second = c.submit(2);
    Future<Void> third = c.submit(3);

    assertThat(writes).containsExactly(List.of(1));
    pending.get(0).complete();
    assertThat(first.succeeded()).isTrue();
    assertThat(second.isComplete()).isFalse();
    assertThat(writes).containsExactly(List.of(1), List.of(2, 3));
    pending.get(1).complete();
    assertThat(second.succeeded()).isTrue();
    assertThat(third.succeeded()).isTrue();
    assertThat(writes).hasSize(2);
  }

  @Test
  void aStatementCarriesAtMostMaxRowsAndTheRestFollow() {
    Coalescer<Integer> c = new Coalescer<>(this::write, 2, 1_000);
    for (int i = 0; i < 6; i++) {
      c.submit(i);
    }

    pending.get(0).complete();
    pending.get(1).complete();
    pending.get(2).complete();

    assertThat(writes).containsExactly(List.of(0), List.of(1, 2), List.of(3, 4), List.of(5));
  }

  @Test
  void aFailedWriteFailsEveryRowInItAndTheNextWriteStillGoes() {
    Coalescer<Integer> c = new Coalescer<>(this::write, 100, 1_000);
    c.submit(1);
    Future<Void> a = c.submit(2);
    Future<Void> b = c.submit(3);
    pending.get(0).complete();

    pending.get(1).fail("connection lost");
    Future<Void> after = c.submit(4);

    assertThat(a.failed()).isTrue();
    assertThat(b.cause()).hasMessage("connection lost");
    assertThat(writes.get(2)).containsExactly(4);
    pending.get(2).complete();
    assertThat(after.succeeded()).isTrue();
  }

  @Test
  void pastTheBoundARowIsRefusedAtOnce() {
    Coalescer<Integer> c = new Coalescer<>(this::write, 100, 2);
    c.submit(1);
    c.submit(2);
    c.submit(3);

    Future<Void> refused = c.submit(4);

    assertThat(refused.failed()).isTrue();
    assertThat(writes).containsExactly(List.of(1));
  }
}
