package vn.dossierpost.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Vietnam's two-level administrative units in force since 30 April 2026: 34 provinces and 3,321
 * communes with their NSO codes, read once from {@code geo/vn-admin-units.csv} (see the README
 * next to it for its source) into immutable maps. Each commune carries its name folded
 * (no marks, đ → d, lower case) with and without its type prefix, so that a search folds only
 * the query.
 */
public final class AdminUnits {

  public static final String RESOURCE = "/geo/vn-admin-units.csv";
  private static final java.util.regex.Pattern PROVINCE_CODE = java.util.regex.Pattern.compile("\\d{2}");
  private static final java.util.regex.Pattern COMMUNE_CODE = java.util.regex.Pattern.compile("\\d{5}");
  private static final String HEADER =
      "province_code,province_name,commune_code,commune_name,commune_type";

  /** A province: its NSO name ({@code Thành phố Hà Nội}) and the short one labels print. */
  public record Province(String code, String name, String shortName) {
  }

  /** A commune: NSO name with its type prefix ({@code Phường Ba Đình}), type xã/phường/đặc khu. */
  public record Commune(String code, String name, String type, String provinceCode) {
  }

  /** One commune in a province's search index, its folded keys computed at load. */
  record Indexed(Commune commune, String folded, String foldedBare) {
  }

  private final Map<String, Province> provinces;
  private final Map<String, Commune> communes;
  private final Map<String, List<Indexed>> byProvince;

  private AdminUnits(Map<String, Province> provinces, Map<String, Commune> communes,
      Map<String, List<Indexed>> byProvince) {
    this.provinces = provinces;
    this.communes = communes;
    this.byProvince = byProvince;
  }

  private static final class Holder {
    static final AdminUnits INSTANCE = loadResource();
  }

  /** The shipped catalogue; the first call (at start-up, off the event loop) reads the file. */
  public static AdminUnits get() {
    return Holder.INSTANCE;
  }

  private static AdminUnits loadResource() {
    try (InputStream in = AdminUnits.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the CSV; any malformed row fails the whole load (the service must not start half-informed). */
  static AdminUnits parse(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (!HEADER.equals(header)) {
      throw new IllegalStateException("unexpected header in " + RESOURCE + ": " + header);
    }
    Map<String, Province> provinces = new TreeMap<>();
    Map<String, Commune> communes = new TreeMap<>();
    Map<String, List<Indexed>> byProvince = new TreeMap<>();
    String row;
    int number = 1;
    while ((row = reader.readLine()) != null) {
      number++;
      String[] c = row.split(",", -1);
      if (c.length != 5 || !PROVINCE_CODE.matcher(c[0]).matches()
          || !COMMUNE_CODE.matcher(c[2]).matches()
          || !Folding.fold(c[3]).startsWith(Folding.fold(c[4]) + " ")) {
        throw new IllegalStateException(RESOURCE + " row " + number + " is malformed");
      }
      Province known = provinces.get(c[0]);
      if (known != null && !known.name().equals(c[1])) {
        throw new IllegalStateException(RESOURCE + " row " + number + ": two names for province " + c[0]);
      }
      provinces.putIfAbsent(c[0], new Province(c[0], c[1], shortName(c[1])));
      Commune commune = new Commune(c[2], c[3], c[4], c[0]);
      if (communes.put(commune.code(), commune) != null) {
        throw new IllegalStateException(RESOURCE + " row " + number + ": duplicate commune " + c[2]);
      }
      String folded = Folding.fold(commune.name());
      String bare = folded.substring(Folding.fold(commune.type()).length() + 1);
      byProvince.computeIfAbsent(c[0], k -> new ArrayList<>()).add(new Indexed(commune, folded, bare));
    }
    Map<String, List<Indexed>> sorted = new LinkedHashMap<>();
    byProvince.forEach((code, list) -> {
      list.sort(Comparator.comparing(Indexed::foldedBare).thenComparing(Indexed::folded)
          .thenComparing(i -> i.commune().code()));
      sorted.put(code, List.copyOf(list));
    });
    return new AdminUnits(Collections.unmodifiableMap(provinces),
        Collections.unmodifiableMap(communes), Collections.unmodifiableMap(sorted));
  }

  /** {@code Thành phố Hà Nội} → {@code Hà Nội}, {@code Tỉnh Khánh Hòa} → {@code Khánh Hòa}. */
  static String shortName(String nsoName) {
    for (String prefix : new String[] {"Thành phố ", "Tỉnh "}) {
      if (nsoName.startsWith(prefix)) {
        return nsoName.substring(prefix.length());
      }
    }
    return nsoName;
  }

  /** Provinces by code, in code order. */
  public Map<String, Province> provinces() {
    return provinces;
  }

  /** Communes by code, in code order. */
  public Map<String, Commune> communes() {
    return communes;
  }

  public Optional<Province> province(String code) {
    return Optional.ofNullable(code == null ? null : provinces.get(code));
  }

  public Optional<Commune> commune(String code) {
    return Optional.ofNullable(code == null ? null : communes.get(code));
  }

  /**
   * Communes of a province whose name starts with {@code query} (folded: marks, case and đ
   * ignored), with or without the type prefix, in folded-name order; at most {@code limit}.
   * An empty query lists the province from the start. Empty for an unknown province.
   */
  public List<Commune> search(String provinceCode, String query, int limit) {
    List<Indexed> index = byProvince.getOrDefault(provinceCode, List.of());
    String q = Folding.fold(query == null ? "" : query);
    List<Commune> found = new ArrayList<>(Math.min(limit, index.size()));
    for (Indexed entry : index) {
      if (found.size() >= limit) {
        break;
      }
      if (entry.foldedBare().startsWith(q) || entry.folded().startsWith(q)) {
        found.add(entry.commune());
      }
    }
    return found;
  }
}
