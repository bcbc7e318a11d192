package vn.dossierpost.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one JSON object field by field, collecting every violation instead of stopping at the
 * first, so that a client learns all of them from one answer. Text is NFC-normalised, trimmed
 * and has its inner whitespace collapsed; control and invisible formatting characters (bidi
 * overrides, zero-width marks) are refused. Messages are Vietnamese: desk officers read them.
 */
public final class Fields {

  private final JsonObject json;
  private final String prefix;
  private final List<FieldError> errors;

  private Fields(JsonObject json, String prefix, List<FieldError> errors) {
    this.json = json;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** The root object; every key outside {@code allowed} is reported as unknown. */
  public static Fields of(JsonObject json, Set<String> allowed) {
    Fields fields = new Fields(json, "", new ArrayList<>());
    fields.rejectUnknown(allowed);
    return fields;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
  }

  public String path(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  public void error(String name, String code, String message) {
    errors.add(new FieldError(path(name), code, message));
  }

  public boolean has(String name) {
    return json.containsKey(name) && json.getValue(name) != null;
  }

  /** A nested object, read with the same error list; null (and an error if required) when absent. */
  public Fields object(String name, boolean required, Set<String> allowed) {
    JsonObject object = value(name, required, JsonObject.class, "Phải là một đối tượng JSON.");
    if (object == null) {
      return null;
    }
    Fields nested = new Fields(object, path(name), errors);
    nested.rejectUnknown(allowed);
    return nested;
  }

  /** The object at {@code index} of array {@code name}, read with the same error list. */
  public Fields element(String name, int index, Set<String> allowed) {
    Object value = json.getJsonArray(name).getValue(index);
    String at = name + "[" + index + "]";
    if (!(value instanceof JsonObject object)) {
      error(at, "type", "Phải là một đối tượng JSON.");
      return null;
    }
    Fields nested = new Fields(object, path(at), errors);
    nested.rejectUnknown(allowed);
    return nested;
  }

  public String text(String name, boolean required, int minLength, int maxLength) {
    String raw = value(name, required, String.class, "Phải là chuỗi ký tự.");
    if (raw == null) {
      return null;
    }
    if (raw.length() > maxLength * 4 + 64) {
      error(name, "too_long", "Dài quá " + maxLength + " ký tự.");
      return null;
    }
    if (hasForbiddenCharacters(raw)) {
      error(name, "invalid_characters", "Có ký tự điều khiển hoặc ký tự ẩn không được phép.");
      return null;
    }
    String text = normalize(raw);
    int length = text.codePointCount(0, text.length());
    if (length == 0 && required) {
      error(name, "required", "Không được để trống.");
      return null;
    }
    if (length < minLength) {
      error(name, "too_short", "Phải có ít nhất " + minLength + " ký tự.");
      return null;
    }
    if (length > maxLength) {
      error(name, "too_long", "Dài quá " + maxLength + " ký tự.");
      return null;
    }
    return length == 0 ? null : text;
  }

  /** A code-like string: no normalisation beyond trimming, must match {@code pattern}. */
  public String code(String name, boolean required, java.util.regex.Pattern pattern,
      String message) {
    String raw = value(name, required, String.class, "Phải là chuỗi ký tự.");
    if (raw == null) {
      return null;
    }
    String code = raw.strip();
    if (code.length() > 64 || !pattern.matcher(code).matches()) {
      error(name, "invalid_format", message);
      return null;
    }
    return code;
  }

  public <E extends Enum<E>> E enumValue(String name, Class<E> type, boolean required) {
    Object value = value(name, required, Object.class, null);
    if (value == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name());
    }
    if (value instanceof String s && names.contains(s)) {
      return Enum.valueOf(type, s);
    }
    error(name, "invalid_value", "Giá trị phải là một trong: " + String.join(", ", names) + ".");
    return null;
  }

  /** An integer; {@code 5.0} is accepted, {@code 5.5}, {@code "5"} and overflow are not. */
  public Long integer(String name, boolean required, long min, long max) {
    Number number = value(name, required, Number.class, "Phải là số nguyên.");
    if (number == null) {
      return null;
    }
    BigDecimal decimal;
    try {
      decimal = number instanceof BigDecimal bd ? bd
          : number instanceof BigInteger bi ? new BigDecimal(bi)
          : new BigDecimal(number.toString());
    } catch (NumberFormatException e) {
      error(name, "type", "Phải là số nguyên.");
      return null;
    }
    if (decimal.stripTrailingZeros().scale() > 0) {
      error(name, "not_integer", "Phải là số nguyên (không có phần thập phân).");
      return null;
    }
    if (decimal.compareTo(BigDecimal.valueOf(min)) < 0
        || decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
      error(name, "out_of_range", "Phải trong khoảng " + min + " đến " + max + ".");
      return null;
    }
    return decimal.longValueExact();
  }

  public Boolean bool(String name, Boolean fallback) {
    Object value = json.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      error(name, "type", "Phải là true hoặc false.");
      return fallback;
    }
    return b;
  }

  public JsonArray array(String name, boolean required, int maxItems) {
    JsonArray array = value(name, required, JsonArray.class, "Phải là một mảng.");
    if (array == null) {
      return null;
    }
    if (array.size() > maxItems) {
      error(name, "too_many", "Tối đa " + maxItems + " phần tử.");
      return null;
    }
    return array;
  }

  /** The value of {@code name} if it is a {@code type}; otherwise null, with the reason recorded. */
  private <T> T value(String name, boolean required, Class<T> type, String typeMessage) {
    Object value = json.getValue(name);
    if (value == null) {
      if (required) {
        error(name, "required", "Bắt buộc phải có.");
      }
      return null;
    }
    if (!type.isInstance(value)) {
      error(name, "type", typeMessage);
      return null;
    }
    return type.cast(value);
  }

  private void rejectUnknown(Set<String> allowed) {
    for (String key : json.fieldNames()) {
      if (!allowed.contains(key)) {
        error(key.length() > 64 ? key.substring(0, 64) : key, "unknown_field",
            "Trường không được hỗ trợ.");
      }
    }
  }

  /** NFC, trimmed, every run of whitespace (including newlines) collapsed to one space. */
  public static String normalize(String raw) {
    String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
    return nfc.strip().replaceAll("\\s+", " ");
  }

  static boolean hasForbiddenCharacters(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp)) {
        continue;
      }
      switch (Character.getType(cp)) {
        case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
            Character.UNASSIGNED:
          return true;
        default:
          if (cp == 0xFFFD) {
            return true;
          }
      }
    }
    return false;
  }

}
