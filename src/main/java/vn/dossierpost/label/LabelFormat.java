package vn.dossierpost.label;

import java.util.Locale;
import java.util.Optional;

/** Output formats of labels. */
enum LabelFormat {
  PNG("image/png", "png"), PDF("application/pdf", "pdf"), ZPL("application/zpl; charset=utf-8", "zpl");

  private final String contentType;
  private final String extension;

  LabelFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  public static Optional<LabelFormat> parse(String value) {
    try {
      return Optional.of(valueOf(value.toUpperCase(Locale.ROOT)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
