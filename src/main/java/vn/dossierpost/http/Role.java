package vn.dossierpost.http;

/**
 * {@code DESK}: one office (scope = office code). {@code COURIER}: one postal unit (scope = its
 * code). {@code CARRIER}: a carrier's systems. {@code ADMIN}: operators of this service.
 */
public enum Role {
  DESK, COURIER, CARRIER, ADMIN
}
