package vn.dossierpost.label;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.dossierpost.order.Orders;
import vn.dossierpost.access.Office;
import vn.dossierpost.access.Offices;
import vn.dossierpost.geo.Address;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problem;
import vn.dossierpost.http.Problems;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderQuery;

/** Labels of an office's booked orders, rendered on the render pool. */
public final class LabelService {

  public static final int MAX_BATCH = 500;

  /**
   * The orders with their office in one round trip: a label needs both, and printing labels is
   * a measured path. Both are the owners' relations, which PostgreSQL pulls up into one join.
   */
  static final String FIND_MANY = """
      SELECT o.*, f.name AS office_name, f.address_line AS office_line, f.commune_code AS office_commune,
             f.province_code AS office_province, f.phone AS office_phone
      FROM (%s) o JOIN (%s) f ON f.code = o.office_code
      WHERE o.office_code = $1 AND o.id = ANY($2)
      """.formatted(Orders.ROWS, Offices.ROWS);

  /** An order and the office that booked it. */
  private record Labelled(Order order, Office office) {
  }

  private final Pool pool;
  private final TrackingLinks links;
  private final Labels labels;
  private final RenderPool renderPool;

  public LabelService(Pool pool, TrackingLinks links, Labels labels, RenderPool renderPool) {
    this.pool = pool;
    this.links = links;
    this.labels = labels;
    this.renderPool = renderPool;
  }

  public Future<Rendered> label(String office, UUID orderId, LabelFormat format,
      Labels.Media media, int dpi) {
    return load(office, List.of(orderId)).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(Problems.notFound());
      }
      Order order = found.get(0).order();
      if (order.itemCode() == null) {
        return Future.failedFuture(notBooked(order));
      }
      return render(found, format, media, dpi, order.itemCode());
    });
  }

  /** Many labels in one PDF or ZPL document, in the order asked for. */
  public Future<Rendered> labels(String office, List<UUID> ids, LabelFormat format,
      Labels.Media media, int dpi) {
    return load(office, ids).compose(found -> {
      Map<UUID, Labelled> byId = new HashMap<>();
      found.forEach(l -> byId.put(l.order().id(), l));
      List<FieldError> errors = new ArrayList<>();
      List<Labelled> ordered = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        Labelled l = byId.get(ids.get(i));
        if (l == null) {
          errors.add(new FieldError("orderIds[" + i + "]", "unknown_order", "Không có đơn này."));
        } else if (l.order().itemCode() == null) {
          errors.add(new FieldError("orderIds[" + i + "]", "not_booked",
              "Đơn chưa được bưu điện nhận đặt (chưa có mã bưu gửi)."));
        } else {
          ordered.add(l);
        }
      }
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problems.validation(errors));
      }
      return render(ordered, format, media, dpi, "nhan-" + ordered.size());
    });
  }

  private Future<Rendered> render(List<Labelled> labelled, LabelFormat format, Labels.Media media,
      int dpi, String name) {
    List<LabelData> data = new ArrayList<>(labelled.size());
    for (Labelled l : labelled) {
      Order order = l.order();
      data.add(LabelData.of(order, l.office(), links.url(order.id(), order.linkGeneration()),
          order.bookedAt().atZoneSameInstant(OrderQuery.VIETNAM).toLocalDate()));
    }
    return renderPool.submit(() -> labels.render(data, format, media, dpi, name));
  }

  private Future<List<Labelled>> load(String office, List<UUID> ids) {
    return pool.preparedQuery(FIND_MANY)
        .execute(Tuple.tuple().addString(office).addArrayOfUUID(ids.toArray(new UUID[0])))
        .map(rows -> {
          List<Labelled> found = new ArrayList<>();
          for (Row row : rows) {
            found.add(new Labelled(Order.from(row), new Office(row.getString("office_code"),
                row.getString("office_name"), new Address(row.getString("office_line"),
                    row.getString("office_commune"), row.getString("office_province"), null),
                row.getString("office_phone"), null, new JsonObject())));
          }
          return found;
        });
  }

  private static RuntimeException notBooked(Order order) {
    return Problem.of(409, "not-booked", "Not booked yet",
            "the carrier has not booked this order yet, so it has no item code to print")
        .with("orderStatus", order.status().name()).exception();
  }
}
