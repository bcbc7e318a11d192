package vn.dossierpost.http;

import io.vertx.core.json.JsonObject;

/**
 * One violation in a problem answer: where ({@code field} as a dotted path, {@code pointer} as a
 * JSON Pointer into the request), a stable machine code, and a message a desk officer can read.
 */
public record FieldError(String field, String code, String message) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("field", field)
        .put("pointer", pointer(field))
        .put("code", code)
        .put("message", message);
  }

  static String pointer(String field) {
    if (field == null || field.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String part : field.split("\\.")) {
      int bracket = part.indexOf('[');
      String name = bracket < 0 ? part : part.substring(0, bracket);
      if (!name.isEmpty()) {
        sb.append('/').append(name.replace("~", "~0").replace("/", "~1"));
      }
      if (bracket >= 0) {
        // "lines[2]", "cells[1][3]", or a bare "[0]" for an element of a top-level array
        for (String index : part.substring(bracket + 1, part.length() - 1).split("\\]\\[")) {
          sb.append('/').append(index);
        }
      }
    }
    return sb.toString();
  }
}
