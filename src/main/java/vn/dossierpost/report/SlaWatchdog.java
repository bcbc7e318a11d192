package vn.dossierpost.report;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.db.Outage;
import vn.dossierpost.db.Rounds;
import vn.dossierpost.access.Policy;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.calendar.YearNotCoveredException;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;
import vn.dossierpost.outbox.ForegroundPressure;

/**
 * Looks at every open order on a schedule and sets the flags a person should act on, by the
 * office's policy: LATE (not delivered within its route type's end-to-end target, in working days
 * of the {@link WorkingCalendar} after the day it was booked or created), STUCK (no event for too
 * long), ATTEMPTS_EXCEEDED (still out for delivery after the allowed failed attempts), HOLD_EXPIRED
 * (held at the post office past the holding period). FOLLOW_UP, set by a desk, is kept. One
 * instance at a time does the round (a session advisory lock on the connection it holds for the
 * round); each page of orders is written in its own short transaction, so that a round over a
 * hundred thousand orders never holds their rows against the events coming in. A flag update
 * applies only if the order's flags are still those the round read: a change made meanwhile
 * (by an event, by a desk) wins, and the next round looks again. The flags are recomputed, so a
 * round is safe to repeat.
 *
 * <p>A round is background work: before each page it steps aside while requests wait for a
 * commit slot ({@link ForegroundPressure}), for up to {@link #MAX_YIELD} a page, so that a round
 * over every open order never lands on the carrier's pushes as a burst of CPU. Failed attempts
 * are counted only for the orders whose flags depend on them (out for delivery or failed).
 */
public final class SlaWatchdog extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SlaWatchdog.class);
  static final long LOCK_KEY = 45_2016_0002L;
  private static final int PAGE = 500;
  private static final AtomicBoolean CALENDAR_WARNED = new AtomicBoolean();
  /** How long a round waits at most before each page while requests wait for a commit slot. */
  private static final Duration MAX_YIELD = Duration.ofSeconds(5);

  private final Pool pool;
  private final Duration every;
  private final ForegroundPressure pressure;
  private final WorkingCalendar calendar;
  private Rounds rounds;

  public SlaWatchdog(Pool pool, Duration every, ForegroundPressure pressure,
      WorkingCalendar calendar) {
    this.pool = pool;
    this.every = every;
    this.pressure = pressure;
    this.calendar = calendar;
  }

  @Override
  public Future<?> start() {
    // The first round after one interval, not at start: the flags are stored, so a restart loses
    // none, and a service (or a test's) that has just started is not swept at once.
    rounds = Rounds.every(vertx, "sla_watchdog", every, every, this::run);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    rounds.cancel();
    return Future.succeededFuture();
  }

  /** One round over every open order; answers how many orders changed flags. */
  public Future<Integer> run() {
    long started = System.nanoTime();
    return pool.getConnection().compose(conn -> conn.preparedQuery("SELECT pg_try_advisory_lock($1) AS held")
            .execute(Tuple.of(LOCK_KEY))
            .compose(rows -> !rows.iterator().next().getBoolean("held") ? Future.succeededFuture(0)
                : page(conn, new UUID(0, 0), OffsetDateTime.now(), 0)
                    .eventually(() -> conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(LOCK_KEY))))
            .eventually(conn::close))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("event=sla_flags_changed orders={} round_ms={}", n,
                (System.nanoTime() - started) / 1_000_000);
          }
        })
        .onFailure(err -> {
          if (!Outage.is(err)) { // an outage is logged by Rounds, once
            LOG.warn("event=sla_round_failed error=\"{}\"", err.getMessage());
          }
        });
  }

  private Future<Integer> page(SqlConnection conn, UUID after, OffsetDateTime now, int changed) {
    return pressure.quiet(vertx, MAX_YIELD)
        .compose(v -> conn.preparedQuery(ReportSql.OPEN).execute(Tuple.of(after, PAGE))).compose(rows -> {
      List<Orders.FlagChange> updates = new ArrayList<>();
      UUID last = after;
      for (Row row : rows) {
        Order order = Order.from(row);
        last = order.id();
        Set<String> flags = flags(order, Policy.of((JsonObject) row.getValue("office_policy")),
            calendar, row.getString("office_province"), row.getLong("failed_attempts"), now);
        if (!flags.equals(new LinkedHashSet<>(order.flags()))) {
          updates.add(new Orders.FlagChange(order.id(), order.flags(), flags));
        }
      }
      Future<Integer> write = updates.isEmpty() ? Future.succeededFuture(0)
          : conn.begin().compose(tx -> Orders.setFlags(conn, updates)
              .compose(updated -> tx.commit().map(updated))
              .onFailure(err -> tx.rollback()));
      UUID next = last;
      return write.compose(n -> rows.size() < PAGE ? Future.succeededFuture(changed + n)
          : page(conn, next, now, changed + n));
    });
  }

  /** The flags an open order should carry now; pure. */
  public static Set<String> flags(Order order, Policy policy, WorkingCalendar calendar,
      String officeProvince, long failedAttempts, OffsetDateTime now) {
    Set<String> flags = new LinkedHashSet<>();
    if (order.flags().contains("FOLLOW_UP")) {
      flags.add("FOLLOW_UP");
    }
    OffsetDateTime start = order.bookedAt() != null ? order.bookedAt() : order.createdAt();
    Optional<LocalDate> due = due(order, policy, calendar, officeProvince);
    // Past the calendar's years the target cannot be counted: the flag stays as it was.
    if (due.isPresent() ? WorkingCalendar.overdue(due.get(), now) : order.flags().contains("LATE")) {
      flags.add("LATE");
    }
    OffsetDateTime lastMove = order.lastEventAt() != null ? order.lastEventAt() : start;
    if (now.isAfter(lastMove.plusHours(policy.stuckAfterHours()))) {
      flags.add("STUCK");
    }
    if (failedAttempts >= policy.maxAttempts() && (order.status() == OrderStatus.OUT_FOR_DELIVERY
        || order.status() == OrderStatus.DELIVERY_FAILED)) {
      flags.add("ATTEMPTS_EXCEEDED");
    }
    if (order.status() == OrderStatus.AWAITING_PICKUP
        && now.isAfter(order.statusChangedAt().plusDays(policy.holdingDays()))) {
      flags.add("HOLD_EXPIRED");
    }
    return flags;
  }

  /**
   * The last day an order may be delivered on: its route type's working days after the day (in
   * Vietnam) it was booked, or created if not booked yet; empty outside the calendar's years.
   */
  static Optional<LocalDate> due(Order order, Policy policy, WorkingCalendar calendar,
      String officeProvince) {
    OffsetDateTime start = order.bookedAt() != null ? order.bookedAt() : order.createdAt();
    try {
      return Optional.of(calendar.dueDate(start,
          policy.targetWorkingDays(policy.route(order.citizen().address(), officeProvince))));
    } catch (YearNotCoveredException e) {
      if (!CALENDAR_WARNED.getAndSet(true)) { // once per process, not once per order
        LOG.warn("event=sla_calendar_not_covered year={} (add the year to the calendar)", e.year());
      }
      return Optional.empty();
    }
  }
}
