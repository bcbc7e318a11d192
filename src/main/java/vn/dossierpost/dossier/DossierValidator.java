package vn.dossierpost.dossier;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import vn.dossierpost.geo.Address;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.Fields;
import vn.dossierpost.order.Citizen;
import vn.dossierpost.order.OrderValidator;

/** Reads a dossier at the edge, as an order is read: every violation reported at once. */
final class DossierValidator {

  private static final Set<String> TOP = Set.of("dossierCode", "procedureCode", "mode", "citizen",
      "collectionAddress", "deliveryAddress", "contents", "feeToCollect", "notifySms");
  private static final Set<String> CITIZEN = Set.of("name", "phone");
  private static final Set<String> ADDRESS = Set.of("line", "communeCode", "provinceCode");

  private DossierValidator() {
  }

  static DossierRequest read(JsonObject json) {
    Fields in = Fields.of(json, TOP);
    String dossierCode = in.code("dossierCode", true, OrderValidator.DOSSIER_CODE,
        "Mã hồ sơ có dạng <mã cơ quan>-<YYMMDD>-<NNNN>, ví dụ 000.00.12.H56-251124-0001.");
    String procedureCode = in.code("procedureCode", true, OrderValidator.PROCEDURE_CODE,
        "Mã thủ tục hành chính có dạng 1.001234.");
    DossierMode mode = in.enumValue("mode", DossierMode.class, true);
    Fields person = in.object("citizen", true, CITIZEN);
    Citizen citizen = person == null ? null : OrderValidator.readPerson(person);
    Address collection = address(in, "collectionAddress", mode == null ? null : mode.submits());
    Address delivery = address(in, "deliveryAddress", mode == null ? null : mode.returns());
    String contents = in.text("contents", false, 1, 500);
    Long fee = in.integer("feeToCollect", false, 0, OrderValidator.MAX_FEE);
    Boolean notifySms = in.bool("notifySms", Boolean.TRUE);
    if (citizen != null && Boolean.TRUE.equals(notifySms) && !Phones.isMobile(citizen.phone())) {
      in.error("citizen.phone", "not_mobile",
          "Muốn gửi SMS thì phải là số di động (hoặc đặt notifySms là false).");
    }
    in.throwIfInvalid();
    return new DossierRequest(dossierCode, procedureCode, mode, citizen.name(), citizen.phone(),
        collection, delivery, contents, fee == null ? 0 : fee, notifySms);
  }

  /**
   * An address the mode needs ({@code wanted} true) is required; one it does not need is
   * refused, so that a desk cannot believe the post will go there. Unknown mode: read if given.
   */
  private static Address address(Fields in, String name, Boolean wanted) {
    if (Boolean.FALSE.equals(wanted)) {
      if (in.has(name)) {
        in.error(name, "not_allowed", "Phương thức đã chọn không dùng địa chỉ này.");
      }
      return null;
    }
    return Address.read(in.object(name, Boolean.TRUE.equals(wanted), ADDRESS));
  }
}
