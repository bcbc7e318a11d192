package vn.dossierpost.label;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import vn.dossierpost.access.Office;
import vn.dossierpost.geo.Address;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.order.Citizen;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;

/** The fixed sample order of the golden labels, and the longest realistic one. */
public final class SampleLabels {

  public static final UUID ORDER_ID = UUID.fromString("5d1f0c9e-3b7a-4e21-9a55-2f6c8d1e4b70");
  public static final TrackingLinks LINKS =
      TrackingLinks.fixed(new byte[32], URI.create("https://tracuu.example.gov.vn"));
  public static final LocalDate BOOKED = LocalDate.of(2025, 11, 24);

  private SampleLabels() {
  }

  public static Office office() {
    return new Office("000.00.12.H56", "Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa",
        new Address("Số 1 Trần Phú, phường Nha Trang", "22366", "56", null), "+842583822222", null,
        new JsonObject());
  }

  public static Order order(Leg leg, String itemCode) {
    return order(ORDER_ID, leg, itemCode, "Nguyễn Thị Ngọc Ánh",
        new Address("Số 12 ngõ 34 phố Tràng Tiền, phường Hoàn Kiếm", "00070", "01", null),
        "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
        50_000);
  }

  /** The longest realistic values: a long name, an old-style address with a district, long contents. */
  public static Order longest(Leg leg, String itemCode) {
    return order(UUID.fromString("0b6a8f4e-0000-4000-8000-000000000001"), leg, itemCode,
        "Công Tôn Nữ Thị Huyền Trân Nguyễn Phước Bảo Khuê",
        new Address("Phòng 1208, tầng 12, tòa nhà Chung cư Hoàng Anh Thanh Bình, số 2 đường "
            + "Nguyễn Hữu Thọ, khu phố 4, phường Tân Hưng (phường Tân Phong cũ), ấp Phước Lộc",
            "27475", "79", "Quận 7 (cũ), Thành phố Thủ Đức"),
        "Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp, Giấy phép kinh doanh dịch vụ "
            + "lữ hành quốc tế, hồ sơ đề nghị cấp đổi, bổ sung và các giấy tờ kèm theo khác",
        99_999_999);
  }

  private static Order order(UUID id, Leg leg, String itemCode, String name, Address address,
      String contents, long fee) {
    OffsetDateTime at = OffsetDateTime.parse("2025-11-24T09:15:02+07:00");
    return new Order(id, "000.00.12.H56", "000.00.12.H56-251124-0001", "1.001234", leg,
        OrderStatus.BOOKED, "000.00.12.H56-251124-0001-" + leg.letter(), itemCode,
        new Citizen(name, "+84912345678", address), contents, fee, true, null, at, at, at, at, 1, 0, java.util.List.of(), null);
  }

  public static LabelData data(Order order) {
    return LabelData.of(order, office(), LINKS.url(order.id(), order.linkGeneration()), BOOKED);
  }
}
