package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.access.Offices;
import vn.dossierpost.access.Policy;
import vn.dossierpost.db.Coalescer;
import vn.dossierpost.db.Unnest;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;
import vn.dossierpost.outbox.ClaimedJob;
import vn.dossierpost.outbox.JobHandler;
import vn.dossierpost.outbox.JobResult;
import vn.dossierpost.outbox.RetryPolicy;
import vn.dossierpost.tracking.EventStore;
import vn.dossierpost.tracking.TrackingEvent;

/**
 * Sends the SMS of one status change ({@link SmsRequests} wrote the job with the change). In
 * order: a citizen who opted out gets nothing; a milestone without a template sends nothing;
 * a non-urgent message waits out quiet hours out of the order's line, so that an urgent one
 * behind it goes now; one whose order has had a later message sent meanwhile is dropped as
 * superseded, one that waited while the order moved on as stale; the per-order cap drops, the
 * per-phone hourly cap delays; then the message is recorded as SENDING, handed to the gateway
 * with the job's idempotency key, and marked SENT. A crash between the two repeats the send
 * with the same key. Recording a message claims its {@link Milestone} for the order: one that
 * another job of the order holds already (a re-scan, a repeated carrier record) is recorded
 * SUPPRESSED and not sent, unless it goes again to a corrected phone.
 */
public final class SmsJob implements JobHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SmsJob.class);
  /** A message that waited longer than this while the order moved on is not worth sending. */
  static final Duration STALE_AFTER = Duration.ofMinutes(30);

  /**
   * A message as recorded before it is sent (or suppressed), with the milestone it claims, the
   * link generation it is sent at and whether it repeats the milestone for a corrected phone
   * (1) or not (0); {@code recorded} learns the status it was recorded with.
   */
  private record Recorded(long outboxId, java.util.UUID orderId, String phone, String template, String body,
      String gateway, String status, String reason, String milestone, int linkGeneration,
      int again, Promise<String> recorded) {
  }

  /** What the gateway made of it. */
  private record Marked(long outboxId, String status, String reason, String gatewayRef) {
  }

  /**
   * An earlier run's outcome, whether a later message of the order went out, and the messages
   * already counted against the caps.
   */
  private record Sent(String previous, boolean laterSent, long forOrder, long toPhone,
      OffsetDateTime firstToPhone) {
  }

  private final Coalescer<Recorded> records = new Coalescer<>(this::writeRecords, 1_000, 100_000);
  private final Coalescer<Marked> marks = new Coalescer<>(this::writeMarks, 1_000, 100_000);

  private final Pool pool;
  private final Offices offices;
  private final SmsGateway gateway;
  private final TrackingLinks links;
  private final String brandname;
  private final QuietHours quiet;
  private final int capPerOrder;
  private final int capPerPhonePerHour;
  private final Clock clock;

  public SmsJob(Pool pool, Offices offices, SmsGateway gateway, TrackingLinks links,
      String brandname, QuietHours quiet, int capPerOrder, int capPerPhonePerHour, Clock clock) {
    this.pool = pool;
    this.offices = offices;
    this.gateway = gateway;
    this.links = links;
    this.brandname = brandname;
    this.quiet = quiet;
    this.capPerOrder = capPerOrder;
    this.capPerPhonePerHour = capPerPhonePerHour;
    this.clock = clock;
  }

  @Override
  public RetryPolicy policy() {
    return new RetryPolicy(50, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(1));
  }

  /**
   * The order first: its phone and office key the rest. Not a hot path, so each owner reads its
   * own table rather than one statement joining them.
   */
  @Override
  public Future<JobResult> handle(ClaimedJob job) {
    Instant now = clock.instant();
    Future<Optional<Order>> found = Orders.find(pool, job.orderId());
    Future<List<TrackingEvent>> timeline = EventStore.timeline(pool, job.orderId());
    return Future.all(found, timeline).compose(both -> {
      if (found.result().isEmpty()) {
        return Future.succeededFuture(JobResult.done());
      }
      Order order = found.result().get();
      if (job.payload().getString("dossierStep") != null) {
        return sent(job, order, now).compose(sent -> {
          String previous = sent.previous();
          if (previous != null && !"SENDING".equals(previous)) {
            return Future.succeededFuture(JobResult.done());
          }
          return dossierStep(job, order, now);
        });
      }
      OrderStatus milestone = OrderStatus.valueOf(job.payload().getString("to"));
      Future<Sent> sent = sent(job, order, now);
      Future<Policy> policy = offices.find(order.officeCode())
          .map(office -> office.map(o -> Policy.of(o.policy())).orElse(Policy.DEFAULT));
      return Future.all(sent, policy).compose(all -> {
        String previous = sent.result().previous();
        if (previous != null && !"SENDING".equals(previous)) {
          return Future.succeededFuture(JobResult.done());
        }
        return decide(job, order, milestone, policy.result(), sent.result(), timeline.result(), now);
      });
    });
  }

  /**
   * The milestone the job's change reached, as its cause left it (the current one for the
   * message a phone correction sends again); none where the status has no message.
   */
  private static String milestoneKey(ClaimedJob job, Order order, OrderStatus status,
      List<TrackingEvent> timeline) {
    if (!SmsTemplates.hasMessage(order.leg(), status)) {
      return null;
    }
    Long cause = job.payload().getLong("eventId");
    return Milestone.of(order.leg(), status, timeline, cause).key();
  }

  /**
   * What became of an earlier run of this job, whether a later message went out, and the
   * messages counted against the caps.
   */
  private Future<Sent> sent(ClaimedJob job, Order order, Instant now) {
    OffsetDateTime hourAgo = now.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC);
    return pool.preparedQuery(SmsSql.SENT)
        .execute(Tuple.of(order.id(), job.id(), hourAgo, order.citizen().phone()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Sent(row.getString("previous"), row.getBoolean("later_sent"),
              row.getLong("sent_for_order"), row.getLong("sent_to_phone"),
              row.getOffsetDateTime("first_to_phone"));
        });
  }

  private Future<JobResult> decide(ClaimedJob job, Order order, OrderStatus milestone,
      Policy policy, Sent sent, List<TrackingEvent> timeline, Instant now) {
    if (!order.notifySms() || order.citizen().phone() == null) {
      return Future.succeededFuture(JobResult.done());
    }
    Progress progress = Progress.of(order.leg(), milestone, order.dossierCode(),
        order.itemCode(), order.bookedAt(), timeline, policy);
    String link = links.url(order.id(), order.linkGeneration());
    Optional<Message> sms = SmsTemplates.message(progress, link)
        .map(text -> new Message(text, milestoneKey(job, order, milestone, timeline)));
    if (sms.isEmpty()) {
      return Future.succeededFuture(JobResult.done());
    }
    if (!sms.get().urgent()) {
      Optional<Instant> quietEnds = quiet.endsAfter(now);
      if (quietEnds.isPresent()) {
        LOG.info("event=sms_deferred reason=quiet_hours job={} until={} hint=\"DP_SMS_QUIET_HOURS=00:00-00:00 turns quiet hours off\"",
            job.id(), quietEnds.get());
        // Out of the order's line: an urgent message written after this one goes now.
        return Future.succeededFuture(JobResult.deferAside("quiet hours",
            Duration.between(now, quietEnds.get()), SmsRequests.waitingKey(order.id())));
      }
    }
    if (sent.laterSent()) {
      return record(job, order, sms.get(), "SUPPRESSED", "superseded: a later message was sent")
          .map(JobResult.done());
    }
    boolean movedOn = order.status() != milestone;
    if (movedOn && Duration.between(job.createdAt().toInstant(), now).compareTo(STALE_AFTER) > 0) {
      return record(job, order, sms.get(), "SUPPRESSED", "stale: the order moved on")
          .map(JobResult.done());
    }
    if (sent.forOrder() >= capPerOrder) {
      LOG.warn("event=sms_capped cap=per_order order={} job={}", order.id(), job.id());
      return record(job, order, sms.get(), "SUPPRESSED", "cap per order").map(JobResult.done());
    }
    if (sent.toPhone() >= capPerPhonePerHour) {
      Instant frees = sent.firstToPhone().toInstant().plus(Duration.ofHours(1));
      LOG.warn("event=sms_capped cap=per_phone_hour order={} job={}", order.id(), job.id());
      return Future.succeededFuture(JobResult.defer("cap per phone per hour",
          Duration.between(now, frees).plusSeconds(1)));
    }
    return send(job, order, sms.get());
  }

  /**
   * A desk's step on the dossier: no milestone of the leg's journey, so no staleness or
   * supersession; quiet hours and the opt-out hold as for any message. Its milestone
   * ({@code dossier.<step>#<occurrence>}) makes a re-run of the step's job send nothing more.
   */
  private Future<JobResult> dossierStep(ClaimedJob job, Order order, Instant now) {
    if (!order.notifySms() || order.citizen().phone() == null) {
      return Future.succeededFuture(JobResult.done());
    }
    String step = job.payload().getString("dossierStep");
    String appointment = job.payload().getString("appointment");
    Optional<SmsTemplates.Sms> sms = SmsTemplates.dossierMessage(step, order.dossierCode(),
        appointment == null ? null : java.time.LocalDate.parse(appointment),
        job.payload().getInteger("documents", 0), links.url(order.id(), order.linkGeneration()));
    if (sms.isEmpty()) {
      return Future.succeededFuture(JobResult.done());
    }
    Optional<Instant> quietEnds = quiet.endsAfter(now);
    if (quietEnds.isPresent()) {
      return Future.succeededFuture(JobResult.deferAside("quiet hours",
          Duration.between(now, quietEnds.get()), SmsRequests.waitingKey(order.id())));
    }
    return send(job, order, new Message(sms.get(),
        "dossier." + step + "#" + job.payload().getString("occurrence", "1")));
  }

  /** Sent unless another job holds its milestone: then it was recorded SUPPRESSED instead. */
  private Future<JobResult> send(ClaimedJob job, Order order, Message sms) {
    SmsGateway.Outgoing outgoing = new SmsGateway.Outgoing(job.idempotencyKey(),
        order.citizen().phone(), brandname, sms.text());
    return record(job, order, sms, "SENDING", null).compose(recorded -> {
      if (!"SENDING".equals(recorded)) {
        return Future.succeededFuture(JobResult.done());
      }
      return gateway.send(outgoing)
          .compose(accepted -> mark(job, "SENT", null, accepted.gatewayRef()).map(JobResult.done()))
          .recover(error -> {
            if (error instanceof SmsGateway.Rejected) {
              return mark(job, "FAILED", error.getMessage(), null)
                  .map(JobResult.fail(error.getMessage()));
            }
            return Future.succeededFuture(JobResult.retry(String.valueOf(error.getMessage())));
          });
    }).recover(error -> Future.succeededFuture(JobResult.retry(String.valueOf(error.getMessage()))));
  }

  /** A message and the milestone it tells (null: none to claim). */
  private record Message(SmsTemplates.Sms sms, String milestone) {

    String text() {
      return sms.text();
    }

    boolean urgent() {
      return sms.urgent();
    }
  }

  /** Records the message; answers the status it was recorded with. */
  private Future<String> record(ClaimedJob job, Order order, Message message, String status,
      String reason) {
    Promise<String> recorded = Promise.promise();
    int again = PhoneCorrectionService.CAUSE.equals(job.payload().getString("cause")) ? 1 : 0;
    return records.submit(new Recorded(job.id(), order.id(), order.citizen().phone(),
            message.sms().template(), message.text(), gateway.name(), status, reason,
            message.milestone(), order.linkGeneration(), again, recorded))
        .compose(v -> recorded.future());
  }

  private Future<Void> mark(ClaimedJob job, String status, String reason, String gatewayRef) {
    return marks.submit(new Marked(job.id(), status, reason, gatewayRef));
  }

  private Future<?> writeRecords(List<Recorded> rows) {
    return pool.preparedQuery(SmsSql.RECORD).execute(Unnest.of(rows).longs(Recorded::outboxId)
        .uuids(Recorded::orderId).strings(Recorded::phone).strings(Recorded::template)
        .strings(Recorded::body).strings(Recorded::gateway).strings(Recorded::status)
        .strings(Recorded::reason).strings(Recorded::milestone).integers(Recorded::linkGeneration)
        .integers(Recorded::again).tuple())
        .onSuccess(result -> {
          Map<Long, String> statuses = new HashMap<>();
          result.forEach(row -> statuses.put(row.getLong("outbox_id"), row.getString("status")));
          rows.forEach(r -> r.recorded().tryComplete(statuses.getOrDefault(r.outboxId(), r.status())));
        })
        .onFailure(error -> rows.forEach(r -> r.recorded().tryFail(error)));
  }

  private Future<?> writeMarks(List<Marked> rows) {
    return pool.preparedQuery(SmsSql.MARK).execute(Unnest.of(rows).longs(Marked::outboxId)
        .strings(Marked::status).strings(Marked::reason).strings(Marked::gatewayRef).tuple());
  }
}
