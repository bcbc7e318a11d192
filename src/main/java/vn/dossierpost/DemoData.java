package vn.dossierpost;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.access.Office;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.geo.Address;
import vn.dossierpost.http.Role;
import vn.dossierpost.order.OrderQuery;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.order.OrderValidator;
import vn.dossierpost.procedure.Procedures;

/**
 * A demo office with one key of each role, made on first start and kept in
 * {@code <data dir>/demo-keys.env} (mode 600) so that later starts print the same, still valid,
 * keys. The lines printed are fixed by DESIGN §10 for scripts to pick up.
 */
final class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  static final String OFFICE = "000.00.12.H56";
  static final String POSTAL_UNIT = "650000";
  static final String CARRIER = "VNPOST";

  private DemoData() {
  }

  static Future<Map<String, String>> seed(Services s, AppConfig config, int port,
      String carrierUrl) {
    FileSystem fs = s.vertx().fileSystem();
    String file = config.database().dataDir().resolve("demo-keys.env").toString();
    return fs.exists(file)
        .compose(exists -> exists ? fs.readFile(file).map(DemoData::parse) : Future.succeededFuture(Map.<String, String>of()))
        .compose(saved -> stillValid(s, saved).compose(valid -> valid
            ? Future.succeededFuture(saved)
            : create(s).compose(made -> fs.mkdirs(config.database().dataDir().toString())
                .compose(v -> fs.writeFile(file, Buffer.buffer(format(made))))
                .compose(v -> fs.chmod(file, "rw-------"))
                .compose(v -> bookDemoOrders(s, made))
                .compose(v -> seedCatalogue(s))
                .map(made))))
        // on every start, so that a demo office made before units were checked is served too
        .compose(keys -> s.offices().addServingUnits(OFFICE, List.of(POSTAL_UNIT)).map(keys))
        .onSuccess(keys -> print(keys, config, port, carrierUrl));
  }

  private static Future<Boolean> stillValid(Services s, Map<String, String> saved) {
    String desk = saved.get("DP_DEMO_DESK_KEY");
    if (desk == null || !saved.containsKey("DP_DEMO_ADMIN_KEY")) {
      return Future.succeededFuture(false);
    }
    return s.apiKeys().authenticate(desk).map(p -> p.isPresent()
        && p.get().role() == Role.DESK && OFFICE.equals(p.get().scope()));
  }

  private static Future<Map<String, String>> create(Services s) {
    Office office = new Office(OFFICE, "Trung tâm Phục vụ hành chính công (văn phòng thử nghiệm)",
        new Address("Số 1 Trần Phú, phường Nha Trang", "22366", "56", null), "+842583822222",
        null, new JsonObject());
    Map<String, String> made = new LinkedHashMap<>();
    made.put("DP_DEMO_OFFICE", OFFICE);
    return s.offices().find(OFFICE)
        .compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
            : s.offices().create(office, null))
        .compose(o -> s.apiKeys().issue(Role.DESK, OFFICE, "demo desk"))
        .compose(k -> {
          made.put("DP_DEMO_DESK_KEY", k.key());
          return s.apiKeys().issue(Role.COURIER, POSTAL_UNIT, "demo courier");
        })
        .compose(k -> {
          made.put("DP_DEMO_COURIER_KEY", k.key());
          return s.offices().newWebhookSecret(CARRIER);
        })
        .compose(secret -> {
          made.put("DP_DEMO_CARRIER_SECRET", secret);
          return s.apiKeys().issue(Role.ADMIN, "*", "demo admin");
        })
        .map(k -> {
          made.put("DP_DEMO_ADMIN_KEY", k.key());
          LOG.info("event=demo_seeded office={}", OFFICE);
          return made;
        });
  }

  /** The sample procedure catalogue (README, "Procedure catalogue": sample data) for the office. */
  private static Future<Void> seedCatalogue(Services s) {
    // the resource is read through Vert.x's file resolver (classpath), off the event loop
    return s.vertx().fileSystem().readFile("demo/procedures-sample.csv")
        .compose(csv -> Procedures.create(s.pool()).importCsv(Actor.system("demo-data", null), OFFICE,
            csv.toString(java.nio.charset.StandardCharsets.UTF_8)))
        .onSuccess(report -> LOG.info("event=demo_catalogue imported={} failed={}",
            report.getInteger("imported"), report.getInteger("failed")))
        .mapEmpty();
  }

  /** Three legs of today's dossiers, so that a fresh start has something to look at. */
  private static Future<Void> bookDemoOrders(Services s, Map<String, String> keys) {
    String day = LocalDate.now(OrderQuery.VIETNAM).format(DateTimeFormatter.ofPattern("yyMMdd"));
    List<JsonObject> requests = List.of(
        demoOrder(day, "0001", "DELIVERY", "Nguyễn Văn An", "0912345678",
            "12 Tràng Tiền", "00070", "01", "Giấy chứng nhận quyền sử dụng đất", 50_000),
        demoOrder(day, "0002", "PICKUP", "Trần Thị Bích Ngọc", "0987654321",
            "45 Lê Thánh Tôn", "22366", "56", "Hồ sơ đăng ký hộ kinh doanh", 100_000),
        demoOrder(day, "0003", "DELIVERY", "Lê Hoàng Phúc", "0901234567",
            "7 Nguyễn Huệ", "26740", "79", "Bản sao trích lục khai sinh", 0));
    Future<Void> chain = Future.succeededFuture();
    int n = 0;
    for (JsonObject request : requests) {
      String key = "demo-" + day + "-" + (++n);
      chain = chain.compose(v -> s.orders()
          .create(Actor.system("demo-data", key), OFFICE, key, OrderValidator.read(request))
          .<Void>mapEmpty()
          .recover(err -> {
            LOG.warn("event=demo_order_skipped reason=\"{}\"", err.getMessage());
            return Future.succeededFuture();
          }));
    }
    return chain;
  }

  private static JsonObject demoOrder(String day, String seq, String leg, String name, String phone,
      String line, String commune, String province, String contents, long fee) {
    return new JsonObject()
        .put("dossierCode", OFFICE + "-" + day + "-" + seq)
        .put("procedureCode", "1.001234")
        .put("leg", leg)
        .put("citizen", new JsonObject().put("name", name).put("phone", phone)
            .put("address", new JsonObject().put("line", line).put("communeCode", commune)
                .put("provinceCode", province)))
        .put("contents", contents)
        .put("feeToCollect", fee)
        .put("notifySms", true);
  }

  private static void print(Map<String, String> keys, AppConfig config, int port,
      String carrierUrl) {
    StringBuilder out = new StringBuilder();
    keys.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    out.append("# desk page:   ").append(config.http().publicBaseUrl(port))
        .append("/app/desk.html (sign in with DP_DEMO_DESK_KEY)\n");
    out.append("# courier page: ").append(config.http().publicBaseUrl(port))
        .append("/app/courier.html (sign in with DP_DEMO_COURIER_KEY)\n");
    out.append("# orders API:  ").append(config.http().publicBaseUrl(port)).append("/api/v1/orders\n");
    out.append("# carrier API: ").append(carrierUrl).append("\n");
    out.append("# walk a BOTH dossier end to end (desk and courier, by the API; keep the service running):\n")
        .append("#   java -cp target/dossier-post.jar vn.dossierpost.DemoWalk ")
        .append(config.http().publicBaseUrl(port)).append(' ')
        .append(config.database().dataDir().resolve("demo-keys.env")).append('\n')
        .append("#   (to walk one by hand in the pages, start with DP_SIMULATOR_AUTOPLAY=false)\n");
    out.append("# readiness:   ").append(config.http().publicBaseUrl(port)).append("/ready\n");
    out.append("# demo keys are kept in ").append(config.database().dataDir().resolve("demo-keys.env")).append('\n');
    System.out.print(out);
    System.out.flush();
  }

  private static Map<String, String> parse(Buffer buffer) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : buffer.toString().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        map.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return map;
  }

  private static String format(Map<String, String> keys) {
    StringBuilder sb = new StringBuilder("# dossier-post demo keys; delete this file to make new ones\n");
    keys.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }
}
