package org.rescuemesh.planner.radio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Radio profiles the teams carry. Figures are typical datasheet values; replace them with the
 * team's own where known. LoRa sensitivities come from the thermal noise floor of the 125 kHz
 * channel, a 6 dB receiver noise figure and the demodulation SNR limit of each spreading factor
 * (SX127x class: −7.5 dB at SF7 down to −20 dB at SF12), which gives ≈ −124.5 dBm at SF7 and
 * −137 dBm at SF12, the figures measured for SX127x receivers.
 */
public final class RadioCatalogue {
    private static final double LORA_BANDWIDTH_HZ = 125_000.0;
    private static final double LORA_NOISE_FIGURE_DB = 6.0;

    private static final Map<String, RadioProfile> PROFILES = build();

    private RadioCatalogue() {
    }

    private static Map<String, RadioProfile> build() {
        Map<String, RadioProfile> m = new LinkedHashMap<>();
        // 5 W VHF handheld, short helical antenna, 12 dB SINAD sensitivity 0.25 µV ≈ -119 dBm
        add(m, new RadioProfile("vhf-handheld", 155.0, 37.0, -2.0, -2.0, 0.5, 0.5, -119.0));
        // 4 W UHF handheld
        add(m, new RadioProfile("uhf-handheld", 450.0, 36.0, -1.0, -1.0, 0.5, 0.5, -118.0));
        // LoRa: EU868 at 14 dBm ERP-class output, US915 at 20 dBm; small whip antennas
        for (int sf = 7; sf <= 12; sf++) {
            add(m, new RadioProfile("lora-868-sf" + sf, 868.0, 14.0, 2.0, 2.0, 0.5, 0.5, loraSensitivityDbm(sf)));
            add(m, new RadioProfile("lora-915-sf" + sf, 915.0, 20.0, 2.0, 2.0, 0.5, 0.5, loraSensitivityDbm(sf)));
        }
        // Wi-Fi mesh nodes at MCS0 / 20 MHz: IEEE 802.11 minimum sensitivity -82 dBm
        add(m, new RadioProfile("wifi-mesh-2.4", 2437.0, 20.0, 5.0, 5.0, 1.0, 1.0, -82.0));
        add(m, new RadioProfile("wifi-mesh-5", 5500.0, 23.0, 8.0, 8.0, 1.0, 1.0, -82.0));
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, RadioProfile> m, RadioProfile p) {
        m.put(p.name(), p);
    }

    /** LoRa receiver sensitivity for spreading factor 7..12 at 125 kHz, dBm. */
    public static double loraSensitivityDbm(int spreadingFactor) {
        if (spreadingFactor < 7 || spreadingFactor > 12) {
            throw new IllegalArgumentException("LoRa spreading factor must be 7..12, got " + spreadingFactor);
        }
        double demodulationSnrDb = -7.5 - 2.5 * (spreadingFactor - 7);
        return -174.0 + 10.0 * Math.log10(LORA_BANDWIDTH_HZ) + LORA_NOISE_FIGURE_DB + demodulationSnrDb;
    }

    /** The profile with this name. */
    public static RadioProfile byName(String name) {
        RadioProfile p = PROFILES.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown radio profile '" + name + "', known: " + String.join(", ", PROFILES.keySet()));
        }
        return p;
    }

    /** Whether the catalogue has a profile of this name (false for null or blank). */
    public static boolean isKnown(String name) {
        return name != null && PROFILES.containsKey(name);
    }

    /** All profiles, in catalogue order. */
    public static List<RadioProfile> all() {
        return List.copyOf(PROFILES.values());
    }
}
