package vn.dossierpost.access;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import vn.dossierpost.geo.Address;

/** A one-stop desk (Bộ phận Một cửa / Trung tâm Phục vụ hành chính công). */
public record Office(String code, String name, Address address, String phone, String callbackUrl,
    JsonObject policy) {

  static Office from(Row row) {
    JsonObject policy = row.getJsonObject("policy");
    return new Office(row.getString("code"), row.getString("name"),
        new Address(row.getString("address_line"), row.getString("commune_code"),
            row.getString("province_code"), null),
        row.getString("phone"), row.getString("callback_url"),
        policy == null ? new JsonObject() : policy);
  }

  public JsonObject toJson() {
    return new JsonObject().put("code", code).put("name", name).put("address", address.toJson())
        .put("phone", phone).put("callbackUrl", callbackUrl).put("policy", policy);
  }
}
