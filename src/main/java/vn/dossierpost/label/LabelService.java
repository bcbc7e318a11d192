package vn.dossierpost.label;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.dossierpost.access.Office;
import vn.dossierpost.access.Offices;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problem;
import vn.dossierpost.http.Problems;
import vn.dossierpost.notify.TrackingLinks;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderQuery;
import vn.dossierpost.order.OrderSql;

/** Labels of an office's booked orders, rendered on the render pool. */
public final class LabelService {

  public static final int MAX_BATCH = 500;

  private static final String FIND_MANY = "SELECT " + OrderSql.COLUMNS
      + " FROM orders WHERE office_code = $1 AND id = ANY($2)";

  private final Pool pool;
  private final Offices offices;
  private final TrackingLinks links;
  private final Labels labels;
  private final RenderPool renderPool;

  public LabelService(Pool pool, Offices offices, TrackingLinks links, Labels labels,
      RenderPool renderPool) {
    this.pool = pool;
    this.offices = offices;
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
      Order order = found.get(0);
      if (order.itemCode() == null) {
        return Future.failedFuture(notBooked(order));
      }
      return render(office, found, format, media, dpi, order.itemCode());
    });
  }

  /** Many labels in one PDF or ZPL document, in the order asked for. */
  public Future<Rendered> labels(String office, List<UUID> ids, LabelFormat format,
      Labels.Media media, int dpi) {
    return load(office, ids).compose(found -> {
      Map<UUID, Order> byId = new HashMap<>();
      found.forEach(o -> byId.put(o.id(), o));
      List<FieldError> errors = new ArrayList<>();
      List<Order> ordered = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        Order order = byId.get(ids.get(i));
        if (order == null) {
          errors.add(new FieldError("orderIds[" + i + "]", "unknown_order", "Không có đơn này."));
        } else if (order.itemCode() == null) {
          errors.add(new FieldError("orderIds[" + i + "]", "not_booked",
              "Đơn chưa được bưu điện nhận đặt (chưa có mã bưu gửi)."));
        } else {
          ordered.add(order);
        }
      }
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problems.validation(errors));
      }
      return render(office, ordered, format, media, dpi, "nhan-" + ordered.size());
    });
  }

  private Future<Rendered> render(String officeCode, List<Order> orders, LabelFormat format,
      Labels.Media media, int dpi, String name) {
    return offices.find(officeCode).compose(office -> {
      Office o = office.orElseThrow();
      List<LabelData> data = new ArrayList<>(orders.size());
      for (Order order : orders) {
        data.add(LabelData.of(order, o, links.url(order.id(), order.linkGeneration()),
            order.bookedAt().atZoneSameInstant(OrderQuery.VIETNAM).toLocalDate()));
      }
      return renderPool.submit(() -> labels.render(data, format, media, dpi, name));
    });
  }

  Future<List<Order>> load(String office, List<UUID> ids) {
    return pool.preparedQuery(FIND_MANY)
        .execute(Tuple.tuple().addString(office).addArrayOfUUID(ids.toArray(new UUID[0])))
        .map(rows -> {
          List<Order> orders = new ArrayList<>();
          for (Row row : rows) {
            orders.add(Order.from(row));
          }
          return orders;
        });
  }

  private static RuntimeException notBooked(Order order) {
    return Problem.of(409, "not-booked", "Not booked yet",
            "the carrier has not booked this order yet, so it has no item code to print")
        .with("status", order.status().name()).exception();
  }
}
