package org.rescuemesh.gossip;

/**
 * Time on air of one LoRa frame (Semtech SX127x datasheet formula): 125 kHz bandwidth, coding
 * rate 4/5, 8-symbol preamble, explicit header, CRC on, low-data-rate optimisation at SF11/12.
 * 200 B at SF7 ≈ 318 ms, at SF12 ≈ 7.2 s.
 */
public final class LoraAirtime {

    private static final double BANDWIDTH_HZ = 125_000;
    private static final int CODING_RATE = 1; // 4/5
    private static final int PREAMBLE_SYMBOLS = 8;

    private LoraAirtime() {
    }

    public static double millis(int payloadBytes, int spreadingFactor) {
        double symbolMs = Math.pow(2, spreadingFactor) / BANDWIDTH_HZ * 1000.0;
        int lowRate = spreadingFactor >= 11 ? 1 : 0;
        double preambleMs = (PREAMBLE_SYMBOLS + 4.25) * symbolMs;
        double bits = 8.0 * payloadBytes - 4.0 * spreadingFactor + 28 + 16;
        double blocks = Math.ceil(bits / (4.0 * (spreadingFactor - 2 * lowRate)));
        double payloadSymbols = 8 + Math.max(blocks * (CODING_RATE + 4), 0);
        return preambleMs + payloadSymbols * symbolMs;
    }
}
