package vn.dossierpost.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How citizens are told: which SMS gateway, under which brandname, when and how often, and how
 * long a tracking link lives. {@code httpBody} is a JSON template whose {@code ${to}},
 * {@code ${text}}, {@code ${brandname}} and {@code ${ref}} are filled in (JSON-escaped).
 */
public record SmsConfig(
    String gateway,
    String brandname,
    Optional<URI> httpUrl,
    Optional<String> httpAuthorization,
    String httpBody,
    Optional<String> receiptSecret,
    int capPerPhonePerHour,
    int capPerOrder,
    LocalTime quietFrom,
    LocalTime quietUntil,
    Optional<Path> file,
    Duration linkTtl,
    int trackingRequestsPerMinute) {

  public static final String DEFAULT_BODY =
      "{\"from\":\"${brandname}\",\"to\":\"${to}\",\"text\":\"${text}\",\"ref\":\"${ref}\"}";
  /** Brandnames are registered with the networks: at most 11 letters, digits, '-', '.', ' '. */
  private static final Pattern BRANDNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 .-]{0,10}$");
  private static final Pattern QUIET = Pattern.compile("^(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})$");

  static SmsConfig fromEnv(Env env) {
    String gateway = env.oneOf("DP_SMS_GATEWAY", "console", Set.of("console", "http"));
    String brandname = env.string("DP_SMS_BRANDNAME", "DICHVUCONG");
    if (!BRANDNAME.matcher(brandname).matches()) {
      env.problem("DP_SMS_BRANDNAME=" + brandname + ": at most 11 letters, digits, '-', '.' or spaces");
    }
    Optional<URI> url = env.httpUrl("DP_SMS_HTTP_URL");
    if ("http".equals(gateway) && url.isEmpty()) {
      env.problem("DP_SMS_HTTP_URL: required when DP_SMS_GATEWAY=http");
    }
    String body = env.string("DP_SMS_HTTP_BODY", DEFAULT_BODY);
    if (!body.contains("${to}") || !body.contains("${text}")) {
      env.problem("DP_SMS_HTTP_BODY: the template must contain ${to} and ${text}");
    }
    Optional<String> receiptSecret = env.optional("DP_SMS_RECEIPT_SECRET");
    if (receiptSecret.isPresent() && !receiptSecret.get().startsWith("whsec_")) {
      env.problem("DP_SMS_RECEIPT_SECRET: expected a Standard Webhooks secret whsec_<base64>");
    }
    LocalTime[] quiet = quietHours(env, env.string("DP_SMS_QUIET_HOURS", "22:00-07:00"));
    return new SmsConfig(gateway, brandname, url, env.optional("DP_SMS_HTTP_AUTHORIZATION"), body,
        receiptSecret,
        env.integer("DP_SMS_CAP_PER_PHONE_HOUR", 6, 1, 1000),
        env.integer("DP_SMS_CAP_PER_ORDER", 15, 1, 1000),
        quiet[0], quiet[1],
        env.optional("DP_SMS_FILE").map(Path::of),
        Duration.ofDays(env.integer("DP_LINK_TTL_DAYS", 30, 1, 3650)),
        env.integer("DP_TRACKING_RATE_PER_MINUTE", 60, 1, 1_000_000));
  }

  private static LocalTime[] quietHours(Env env, String text) {
    Matcher m = QUIET.matcher(text);
    try {
      if (m.matches()) {
        return new LocalTime[] {
            LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
            LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)))};
      }
    } catch (java.time.DateTimeException e) {
      // reported below
    }
    env.problem("DP_SMS_QUIET_HOURS=" + text + ": expected HH:MM-HH:MM, e.g. 22:00-07:00");
    return new LocalTime[] {LocalTime.of(22, 0), LocalTime.of(7, 0)};
  }
}
