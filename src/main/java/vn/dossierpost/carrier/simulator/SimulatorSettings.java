package vn.dossierpost.carrier.simulator;

/**
 * How the simulated carrier runs: its port, the one customer account it knows, whether items
 * move by themselves and how fast, the seed of its scenario choice, and its item-code range.
 */
public record SimulatorSettings(
    int port,
    String customerCode,
    String customerKey,
    String secretKey,
    boolean autoplay,
    double speed,
    long seed,
    String serviceIndicator,
    long firstSerial,
    long lastSerial) {
}
