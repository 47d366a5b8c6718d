package org.rescuemesh.planner.radio;

/**
 * A propagation model: basic transmission loss (between isotropic antennas, dB) over a terrain
 * profile from the transmitter (profile start) to the receiver (profile end). Implementations are
 * cheap to call repeatedly; those holding scratch buffers say so and are then one per thread.
 */
public interface PathLossModel {

    /**
     * @param profile      terrain from tx to rx
     * @param txHeightM    tx antenna height above ground, 0.5–3,000 m
     * @param rxHeightM    rx antenna height above ground, 0.5–3,000 m
     * @param frequencyMhz 20–20,000 MHz
     * @return basic transmission loss, dB
     * @throws IllegalArgumentException naming the offending input
     */
    double basicLossDb(TerrainProfile profile, double txHeightM, double rxHeightM, double frequencyMhz);

    /** Short model name for logs and reports, e.g. "itm", "fspl". */
    String name();

    /** Checks the inputs every model shares, with messages naming the problem. */
    static void checkLink(TerrainProfile profile, double txHeightM, double rxHeightM, double frequencyMhz) {
        if (profile == null) {
            throw new IllegalArgumentException("terrain profile is required");
        }
        if (!(frequencyMhz >= ItmInputs.MIN_FREQUENCY_MHZ && frequencyMhz <= ItmInputs.MAX_FREQUENCY_MHZ)) {
            throw new IllegalArgumentException("frequency must be within 20..20000 MHz, got " + frequencyMhz + " MHz");
        }
        ItmInputs.checkHeight("tx", txHeightM);
        ItmInputs.checkHeight("rx", rxHeightM);
    }
}
