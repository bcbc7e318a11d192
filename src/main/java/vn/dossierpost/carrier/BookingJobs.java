package vn.dossierpost.carrier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.access.Offices;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.outbox.ClaimedJob;
import vn.dossierpost.outbox.Job;
import vn.dossierpost.outbox.JobHandler;
import vn.dossierpost.outbox.JobResult;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.outbox.RetryPolicy;
import vn.dossierpost.s10.S10;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.EventStore;
import vn.dossierpost.tracking.Reconciler;
import vn.dossierpost.tracking.TrackingEvent;

/**
 * The outbox jobs that talk to the carrier: book a leg ({@code carrier.book}) and cancel one
 * ({@code carrier.cancel}). Each is safe to run twice: booking is keyed by the order number,
 * and every outcome is recorded under a fixed de-duplication key.
 */
public final class BookingJobs {

  private static final Logger LOG = LoggerFactory.getLogger(BookingJobs.class);
  static final Duration WHILE_CIRCUIT_OPEN = Duration.ofSeconds(5);

  /** Bookings retry for a day: an order should not wait longer without someone looking. */
  static final RetryPolicy POLICY =
      new RetryPolicy(40, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofDays(1));

  private final Pool pool;
  private final Offices offices;
  private final PostalCarrier carrier;
  private final Reconciler reconciler;
  private final ItemCodes itemCodes;

  public BookingJobs(Pool pool, Offices offices, PostalCarrier carrier, Reconciler reconciler,
      ItemCodes itemCodes) {
    this.pool = pool;
    this.offices = offices;
    this.carrier = carrier;
    this.reconciler = reconciler;
    this.itemCodes = itemCodes;
  }

  public JobHandler booking() {
    return JobHandler.of(this::book, POLICY);
  }

  public JobHandler cancellation() {
    return JobHandler.of(this::cancel, POLICY);
  }

  private Future<JobResult> book(ClaimedJob job) {
    return load(job).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(JobResult.fail("order " + job.orderId() + " does not exist"));
      }
      Order order = found.get();
      if (order.status() != OrderStatus.CREATED) {
        return Future.succeededFuture(JobResult.done());
      }
      return itemCodes.assign(order)
          .compose(withCode -> offices.find(withCode.officeCode()).compose(office -> carrier
              .book(Shipment.of(withCode, office.orElseThrow()))))
          .compose(booking -> booking instanceof PostalCarrier.Booked booked
              ? recordBooked(job(job), order, booked.itemCode())
              : recordRefused(job(job), order, (PostalCarrier.Refused) booking))
          .recover(BookingJobs::whenUnavailable);
    });
  }

  private Future<JobResult> recordBooked(Actor job, Order order, String itemCode) {
    if (!S10.isValid(itemCode)) {
      return recordRefused(job, order, new PostalCarrier.Refused("INVALID_ITEM_CODE",
          "carrier returned an item code that is not S10: " + itemCode));
    }
    return pool.withTransaction(tx -> Orders.lock(tx, order.id())
            .compose(locked -> {
              Order current = locked.orElseThrow();
              if (current.bookedAt() != null && itemCode.equals(current.itemCode())) {
                // A re-run (its done mark lost in a crash or a lease that ran out): already recorded.
                LOG.info("event=booking_rerun order={}", order.id());
                return reconciler.reconcile(tx, List.of(order.id()),
                    Reconciler.audited(tx, job, "carrier.booked"));
              }
              return Orders.markBooked(tx, order.id(), itemCode)
                  .compose(booked -> booked ? Future.succeededFuture()
                      : Future.failedFuture(new IllegalStateException("order " + order.id()
                          + " already has item code " + current.itemCode() + ", carrier gave " + itemCode)))
                  .compose(v -> EventStore.append(tx, TrackingEvent.system(order.id(), itemCode,
                      EventCode.BOOKING_CONFIRMED, EventSource.SYSTEM, OffsetDateTime.now(), null,
                      "booked:" + order.id())))
                  .compose(v -> EventStore.adoptParked(tx, order.id(), itemCode))
                  .compose(v -> current.status() == OrderStatus.CANCELLED
                      ? cancelAtCarrier(tx, order) : Future.succeededFuture())
                  .compose(v -> reconciler.reconcile(tx, List.of(order.id()),
                      Reconciler.audited(tx, job, "carrier.booked")));
            }))
        .map(v -> JobResult.done());
  }

  /** The desk cancelled while the booking was on its way: undo it at the carrier too. */
  private static Future<Void> cancelAtCarrier(SqlConnection tx, Order order) {
    LOG.info("event=booked_after_cancel order={}", order.id());
    return Outbox.enqueue(tx, Job.of(OrderService.CANCEL_JOB, order.id(), new JsonObject()))
        .mapEmpty();
  }

  private Future<JobResult> recordRefused(Actor job, Order order, PostalCarrier.Refused refused) {
    LOG.info("event=booking_refused order={} code={}", order.id(), refused.code());
    return pool.withTransaction(tx -> EventStore.append(tx, TrackingEvent.system(order.id(), null,
                EventCode.BOOKING_FAILED, EventSource.SYSTEM, OffsetDateTime.now(), refused.reason(),
                "booking-failed:" + order.id()))
            .compose(v -> reconciler.reconcile(tx, List.of(order.id()),
                Reconciler.audited(tx, job, "carrier.booking-failed"))))
        .map(v -> JobResult.done());
  }

  private Future<JobResult> cancel(ClaimedJob job) {
    return load(job).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(JobResult.fail("order " + job.orderId() + " does not exist"));
      }
      Order order = found.get();
      return carrier.cancel(order.orderNumber()).compose(outcome -> {
        if (outcome != PostalCarrier.Cancellation.NOT_CANCELLABLE) {
          return Future.succeededFuture(JobResult.done());
        }
        LOG.warn("event=carrier_refused_cancel order={}", order.id());
        return pool.withTransaction(tx -> EventStore.append(tx, TrackingEvent.system(order.id(),
                order.itemCode(), EventCode.INFO, EventSource.SYSTEM, OffsetDateTime.now(),
                "Hãng không hủy được: bưu gửi đã được nhận", "cancel-refused:" + order.id()))
                .compose(v -> reconciler.reconcile(tx, List.of(order.id()),
                    Reconciler.audited(tx, job(job), "carrier.cancel-refused"))))
            .map(v -> JobResult.done());
      }).recover(BookingJobs::whenUnavailable);
    });
  }

  /** The service itself, running {@code job}: how its changes are audited. */
  private static Actor job(ClaimedJob job) {
    return Actor.system(job.kind(), "job:" + job.id());
  }

  private Future<Optional<Order>> load(ClaimedJob job) {
    return Orders.find(pool, job.orderId());
  }

  private static Future<JobResult> whenUnavailable(Throwable err) {
    if (err instanceof CarrierUnavailable.CircuitOpen) {
      return Future.succeededFuture(JobResult.defer(err.getMessage(), WHILE_CIRCUIT_OPEN));
    }
    return Future.succeededFuture(JobResult.retry(err.getMessage()));
  }
}
