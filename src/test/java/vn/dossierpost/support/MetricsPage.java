package vn.dossierpost.support;

/** Reads a running service's counters from its {@code /metrics} page (Prometheus text). */
public final class MetricsPage {

  private MetricsPage() {
  }

  /**
   * The sum of the samples of {@code name} whose labels include every one of {@code labels}
   * (each written as on the page, {@code operation="getTracking"}); zero if there is none yet.
   */
  public static double sum(TestApp app, String name, String... labels) {
    double sum = 0;
    for (String line : app.http().get("/metrics", null).text().split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        String series = line.substring(0, line.lastIndexOf(' '));
        boolean matches = true;
        for (String label : labels) {
          matches &= series.contains(label);
        }
        if (matches) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }
}
