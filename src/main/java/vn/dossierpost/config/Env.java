package vn.dossierpost.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dossierpost.s10.S10;

/**
 * Reads typed values from environment variables, collecting every problem so that start-up
 * reports all bad variables at once, each by name.
 */
final class Env {

  private static final Pattern RANGE = Pattern.compile("^(\\d{1,8})-(\\d{1,8})$");

  private final Map<String, String> vars;
  private final List<String> problems = new ArrayList<>();

  Env(Map<String, String> vars) {
    this.vars = vars;
  }

  Optional<String> optional(String name) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  /** A file the service reads at start-up; named as a problem if it is not a readable file. */
  Optional<java.nio.file.Path> readableFile(String name) {
    Optional<java.nio.file.Path> file = optional(name).map(java.nio.file.Path::of);
    if (file.isPresent() && !(java.nio.file.Files.isRegularFile(file.get())
        && java.nio.file.Files.isReadable(file.get()))) {
      problems.add(name + "=" + file.get() + ": not a readable file");
    }
    return file;
  }

  int integer(String name, int fallback, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        problems.add(name + "=" + raw.get() + ": must be between " + min + " and " + max);
        return fallback;
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(name + "=" + raw.get() + ": not an integer");
      return fallback;
    }
  }

  double decimal(String name, double fallback, double min, double max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(raw.get());
      if (!(value >= min && value <= max)) {
        problems.add(name + "=" + raw.get() + ": must be between " + min + " and " + max);
        return fallback;
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(name + "=" + raw.get() + ": not a number");
      return fallback;
    }
  }

  boolean bool(String name, boolean fallback) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on":
        return true;
      case "false", "no", "0", "off":
        return false;
      default:
        problems.add(name + "=" + raw.get() + ": expected true or false");
        return fallback;
    }
  }

  String oneOf(String name, String fallback, Set<String> allowed) {
    String value = string(name, fallback).toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      problems.add(name + "=" + value + ": expected one of " + allowed);
      return fallback;
    }
    return value;
  }

  Optional<URI> httpUrl(String name) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw.get());
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        problems.add(name + "=" + raw.get() + ": expected an http(s) URL with a host");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (Exception e) {
      problems.add(name + "=" + raw.get() + ": not a URL");
      return Optional.empty();
    }
  }

  String serviceIndicator(String name, String fallback) {
    String value = string(name, fallback);
    if (!S10.isServiceIndicatorAllowed(value)) {
      problems.add(name + "=" + value + ": expected two capital letters, not J*, K*, S*, T* or W*");
      return fallback;
    }
    return value;
  }

  /** {@code first-last}, two serials of eight digits at most. */
  long[] serialRange(String name, long[] fallback) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    Optional<long[]> range = parseRange(raw.get());
    if (range.isEmpty()) {
      problems.add(name + "=" + raw.get() + ": expected first-last, e.g. 10000000-19999999");
      return fallback;
    }
    return range.get();
  }

  /** {@code EB:20000000-20999999}: a service indicator and a serial range. */
  Optional<S10.Range> itemCodeRange(String name) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = raw.get().split(":", 2);
    Optional<long[]> range = parts.length == 2 ? parseRange(parts[1]) : Optional.empty();
    if (range.isEmpty() || !S10.isServiceIndicatorAllowed(parts[0])) {
      problems.add(name + "=" + raw.get() + ": expected INDICATOR:first-last, e.g. EB:20000000-20999999");
      return Optional.empty();
    }
    return Optional.of(new S10.Range(parts[0], range.get()[0], range.get()[1], "VN"));
  }

  private static Optional<long[]> parseRange(String text) {
    Matcher m = RANGE.matcher(text);
    if (!m.matches() || Long.parseLong(m.group(1)) > Long.parseLong(m.group(2))) {
      return Optional.empty();
    }
    return Optional.of(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
  }

  void problem(String message) {
    problems.add(message);
  }

  void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
