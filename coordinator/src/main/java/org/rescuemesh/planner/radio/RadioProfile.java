package org.rescuemesh.planner.radio;

/**
 * A radio's link-budget figures. Path loss comes from a {@link PathLossModel}; everything else
 * about the link is here.
 *
 * @param name              catalogue name, e.g. "lora-868-sf12"
 * @param frequencyMhz      carrier frequency, 20–20,000 MHz
 * @param txPowerDbm        transmitter output power at the connector, dBm
 * @param txAntennaGainDbi  transmit antenna gain, dBi
 * @param rxAntennaGainDbi  receive antenna gain, dBi
 * @param txLossesDb        cable/connector/body losses on the transmit side, dB (≥ 0)
 * @param rxLossesDb        cable/connector/body losses on the receive side, dB (≥ 0)
 * @param sensitivityDbm    receiver sensitivity at the connector, dBm
 */
public record RadioProfile(String name, double frequencyMhz, double txPowerDbm, double txAntennaGainDbi,
                           double rxAntennaGainDbi, double txLossesDb, double rxLossesDb, double sensitivityDbm) {

    public RadioProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("radio profile name is required");
        }
        if (!(frequencyMhz >= ItmInputs.MIN_FREQUENCY_MHZ && frequencyMhz <= ItmInputs.MAX_FREQUENCY_MHZ)) {
            throw new IllegalArgumentException("radio profile '" + name + "': frequency must be within 20..20000 MHz, got " + frequencyMhz);
        }
        check(name, "tx power", txPowerDbm, -30, 60, "dBm");
        check(name, "tx antenna gain", txAntennaGainDbi, -20, 40, "dBi");
        check(name, "rx antenna gain", rxAntennaGainDbi, -20, 40, "dBi");
        check(name, "tx losses", txLossesDb, 0, 50, "dB");
        check(name, "rx losses", rxLossesDb, 0, 50, "dB");
        check(name, "receiver sensitivity", sensitivityDbm, -160, 0, "dBm");
    }

    private static void check(String name, String what, double v, double min, double max, String unit) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("radio profile '" + name + "': " + what + " must be within "
                    + min + ".." + max + " " + unit + ", got " + v);
        }
    }

    /** Effective isotropic radiated power, dBm. */
    public double eirpDbm() {
        return txPowerDbm + txAntennaGainDbi - txLossesDb;
    }

    /** Received power at the receiver connector for a basic transmission loss, dBm. */
    public double receivedPowerDbm(double basicLossDb) {
        if (Double.isNaN(basicLossDb)) {
            throw new IllegalArgumentException("path loss is not a number");
        }
        return eirpDbm() - basicLossDb + rxAntennaGainDbi - rxLossesDb;
    }

    /** Margin above receiver sensitivity, dB; ≥ 0 means the link closes. */
    public double linkMarginDb(double basicLossDb) {
        return receivedPowerDbm(basicLossDb) - sensitivityDbm;
    }

    /** Largest basic transmission loss the link tolerates (zero margin), dB. */
    public double maxPathLossDb() {
        return eirpDbm() + rxAntennaGainDbi - rxLossesDb - sensitivityDbm;
    }
}
