package vn.dossierpost.order;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Keyset position in a list ordered by (created_at DESC, id DESC); opaque to clients. */
public record PageCursor(OffsetDateTime createdAt, UUID id) {

  public String encode() {
    Instant at = createdAt.toInstant();
    long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  public static Optional<PageCursor> decode(String text) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII)
          .split(":", 2);
      long micros = Long.parseLong(parts[0]);
      Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          Math.floorMod(micros, 1_000_000L) * 1_000L);
      return Optional.of(new PageCursor(at.atOffset(ZoneOffset.UTC), UUID.fromString(parts[1])));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
