package vn.dossierpost.tracking.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.http.Principal;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.tracking.CarrierRecords;
import vn.dossierpost.tracking.TrackingIngest;

/** The carrier's webhook: acknowledged after one group commit, ingested from the inbox. */
public final class InboxFeature implements Feature {

  private final Pool pool;
  private final GroupCommitter committer;
  private final CarrierRecords records;
  private final TrackingIngest ingest;
  private final Outbox outbox;
  private final Supplier<Future<List<String>>> secrets;
  private final Function<String, Future<Optional<Principal>>> keys;
  private final Duration maxLag;
  private final MeterRegistry registry;

  public InboxFeature(Pool pool, GroupCommitter committer, CarrierRecords records,
      TrackingIngest ingest, Outbox outbox, Supplier<Future<List<String>>> secrets,
      Function<String, Future<Optional<Principal>>> keys, Duration maxLag, MeterRegistry registry) {
    this.pool = pool;
    this.committer = committer;
    this.records = records;
    this.ingest = ingest;
    this.outbox = outbox;
    this.secrets = secrets;
    this.keys = keys;
    this.maxLag = maxLag;
    this.registry = registry;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/carrier*", CarrierEventRoutes.router(m.vertx(), committer, records, secrets, keys));
  }

  @Override
  public List<Deployable> background() {
    return List.of(new EventInbox(pool, ingest, records, outbox, 2, 2_000, 2_000,
        new EventInbox.Yield(committer.pressure(), 16, Duration.ofMillis(200), maxLag),
        committer.backlog(), Duration.ofMillis(500), registry));
  }
}
