package vn.dossierpost.tracking;

/** Where an event came from. {@code DESK} and {@code SYSTEM} are this service's own. */
public enum EventSource {
  WEBHOOK, POLL, SCAN, SIMULATOR, DESK, SYSTEM
}
