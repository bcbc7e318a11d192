package vn.dossierpost.label;

/** A rendered document and how to send it. */
public record Rendered(byte[] body, String contentType, String filename) {
}
