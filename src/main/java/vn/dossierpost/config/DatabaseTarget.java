package vn.dossierpost.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Where an external PostgreSQL lives. */
public record DatabaseTarget(String host, int port, String database, String user, String password) {

  @Override
  public String toString() {
    return "DatabaseTarget[" + user + "@" + host + ":" + port + "/" + database + "]";
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /**
   * {@code DP_DATABASE_URL} ({@code postgresql://user:pass@host:port/db}) wins; otherwise the
   * standard libpq variables {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER},
   * {@code PGPASSWORD} select an external database when {@code PGHOST} is set.
   */
  static Optional<DatabaseTarget> fromEnv(Env env, Map<String, String> vars) {
    Optional<String> url = env.optional("DP_DATABASE_URL");
    String defaultUser = env.string("PGUSER", "postgres");
    String defaultPassword = env.string("PGPASSWORD", "");
    String defaultDatabase = env.string("PGDATABASE", defaultUser);
    int defaultPort = env.integer("PGPORT", 5432, 1, 65535);
    if (url.isPresent()) {
      try {
        URI uri = new URI(url.get());
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
          env.problem("DP_DATABASE_URL: expected postgresql://user:pass@host:port/db");
          return Optional.empty();
        }
        if (uri.getHost() == null) {
          env.problem("DP_DATABASE_URL: the URL names no host");
          return Optional.empty();
        }
        String user = defaultUser;
        String password = defaultPassword;
        if (uri.getRawUserInfo() != null) {
          String[] parts = uri.getRawUserInfo().split(":", 2);
          user = decode(parts[0]);
          password = parts.length > 1 ? decode(parts[1]) : password;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return Optional.of(new DatabaseTarget(uri.getHost(),
            uri.getPort() > 0 ? uri.getPort() : defaultPort,
            path.isEmpty() ? defaultDatabase : path, user, password));
      } catch (Exception e) {
        env.problem("DP_DATABASE_URL: not a URL (" + e.getMessage() + ")");
        return Optional.empty();
      }
    }
    return env.optional("PGHOST").map(host ->
        new DatabaseTarget(host, defaultPort, defaultDatabase, defaultUser, defaultPassword));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
