package vn.dossierpost.notify;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.Fields;

/** Reads a phone correction at the edge: {@code {"phone": "0912345678"}}. */
final class PhoneCorrectionValidator {

  private PhoneCorrectionValidator() {
  }

  /** The new number in E.164; a 400 naming the field otherwise. */
  static String read(JsonObject body) {
    Fields in = Fields.of(body, Set.of("phone"));
    String raw = in.text("phone", true, 9, 20);
    Optional<String> phone = raw == null ? Optional.empty() : Phones.toE164(raw);
    if (raw != null && phone.isEmpty()) {
      in.error("phone", "invalid_phone",
          "Không phải số điện thoại Việt Nam hợp lệ (ví dụ 0912345678 hoặc +84912345678).");
    }
    in.throwIfInvalid();
    return phone.get();
  }
}
