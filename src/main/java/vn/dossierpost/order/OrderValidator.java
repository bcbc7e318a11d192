package vn.dossierpost.order;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.geo.Address;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.Fields;

/** Reads an order request at the edge: every violation reported at once, nothing half-read. */
public final class OrderValidator {

  /** Circular 01/2018/TT-VPCP Art. 19: {@code <agency code>-<YYMMDD>-<NNNN>}. */
  public static final Pattern DOSSIER_CODE =
      Pattern.compile("^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}-\\d{6}-\\d{4}$");
  /** National procedure codes, e.g. {@code 1.001234}. */
  public static final Pattern PROCEDURE_CODE = Pattern.compile("^\\d\\.\\d{6}$");
  /** Latin-script letters (every Vietnamese letter is one), spaces, dots, apostrophes, hyphens. */
  private static final Pattern NAME =
      Pattern.compile("^[\\p{IsLatin}][\\p{IsLatin}\\p{M} .'\\-]*$");
  public static final long MAX_FEE = 100_000_000L;

  private static final Set<String> TOP = Set.of("dossierCode", "procedureCode", "leg", "citizen",
      "contents", "feeToCollect", "notifySms");
  private static final Set<String> CITIZEN = Set.of("name", "phone", "address");

  private OrderValidator() {
  }

  public static OrderRequest read(JsonObject json) {
    Fields in = Fields.of(json, TOP);
    String dossierCode = in.code("dossierCode", true, DOSSIER_CODE,
        "Mã hồ sơ có dạng <mã cơ quan>-<YYMMDD>-<NNNN>, ví dụ 000.00.12.H56-251124-0001.");
    if (dossierCode != null && !validDate(dossierCode.substring(14, 20))) {
      in.error("dossierCode", "invalid_date", "Phần ngày tiếp nhận (YYMMDD) không phải ngày hợp lệ.");
      dossierCode = null;
    }
    String procedureCode = in.code("procedureCode", true, PROCEDURE_CODE,
        "Mã thủ tục hành chính có dạng 1.001234.");
    Leg leg = in.enumValue("leg", Leg.class, true);
    Citizen citizen = readCitizen(in.object("citizen", true, CITIZEN));
    String contents = in.text("contents", true, 1, 500);
    Long fee = in.integer("feeToCollect", false, 0, MAX_FEE);
    Boolean notifySms = in.bool("notifySms", Boolean.TRUE);
    if (citizen != null && Boolean.TRUE.equals(notifySms) && !Phones.isMobile(citizen.phone())) {
      in.error("citizen.phone", "not_mobile",
          "Muốn gửi SMS thì phải là số di động (hoặc đặt notifySms là false).");
    }
    in.throwIfInvalid();
    return new OrderRequest(dossierCode, procedureCode, leg, citizen, contents,
        fee == null ? 0 : fee, notifySms);
  }

  private static Citizen readCitizen(Fields in) {
    if (in == null) {
      return null;
    }
    int before = in.errors().size();
    Citizen person = readPerson(in);
    Address address = Address.read(in.object("address", true, Address.FIELDS));
    if (in.errors().size() > before || person == null) {
      return null;
    }
    return new Citizen(person.name(), person.phone(), address);
  }

  /**
   * A citizen's {@code name} and {@code phone} (E.164) as an order reads them, without an
   * address; null when either is invalid (the errors are in {@code in}).
   */
  public static Citizen readPerson(Fields in) {
    int before = in.errors().size();
    String name = in.text("name", true, 2, 100);
    if (name != null && !NAME.matcher(name).matches()) {
      in.error("name", "invalid_name", "Họ tên chỉ gồm chữ cái, dấu cách, dấu chấm, gạch nối.");
    }
    String rawPhone = in.text("phone", true, 9, 20);
    Optional<String> phone = rawPhone == null ? Optional.empty() : Phones.toE164(rawPhone);
    if (rawPhone != null && phone.isEmpty()) {
      in.error("phone", "invalid_phone",
          "Không phải số điện thoại Việt Nam hợp lệ (ví dụ 0912345678 hoặc +84912345678).");
    }
    if (in.errors().size() > before) {
      return null;
    }
    return new Citizen(name, phone.orElseThrow(), null);
  }

  private static boolean validDate(String yymmdd) {
    try {
      java.time.LocalDate.parse("20" + yymmdd, java.time.format.DateTimeFormatter.BASIC_ISO_DATE
          .withResolverStyle(java.time.format.ResolverStyle.STRICT));
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }
}
