package org.rescuemesh.planner.radio;

import java.util.ArrayList;
import java.util.List;

/**
 * Warning bits of an ITM prediction, same bit values as the NTIA reference, so results can be
 * compared bit for bit. A warning means the inputs are outside the range the model was fitted on;
 * the loss is still computed.
 */
public final class ItmWarnings {
    public static final int NONE = 0;
    /** Tx terminal height within 0.5–3,000 m but outside 1–1,000 m. */
    public static final int TX_TERMINAL_HEIGHT = 0x0001;
    /** Rx terminal height within 0.5–3,000 m but outside 1–1,000 m. */
    public static final int RX_TERMINAL_HEIGHT = 0x0002;
    /** Frequency within 20–20,000 MHz but outside 40–10,000 MHz. */
    public static final int FREQUENCY = 0x0004;
    /** Path longer than 1,000 km. */
    public static final int PATH_DISTANCE_TOO_BIG_1 = 0x0008;
    /** Path longer than 2,000 km. */
    public static final int PATH_DISTANCE_TOO_BIG_2 = 0x0010;
    /** Path shorter than |h_e,tx − h_e,rx| / 0.2 (steeper than the model allows). */
    public static final int PATH_DISTANCE_TOO_SMALL_1 = 0x0020;
    /** Path shorter than 1 km. */
    public static final int PATH_DISTANCE_TOO_SMALL_2 = 0x0040;
    /** Tx horizon elevation angle beyond ±200 mrad. */
    public static final int TX_HORIZON_ANGLE = 0x0080;
    /** Rx horizon elevation angle beyond ±200 mrad. */
    public static final int RX_HORIZON_ANGLE = 0x0100;
    /** Tx horizon distance below 0.1 × the smooth-earth horizon distance. */
    public static final int TX_HORIZON_DISTANCE_1 = 0x0200;
    /** Rx horizon distance below 0.1 × the smooth-earth horizon distance. */
    public static final int RX_HORIZON_DISTANCE_1 = 0x0400;
    /** Tx horizon distance above 3 × the smooth-earth horizon distance. */
    public static final int TX_HORIZON_DISTANCE_2 = 0x0800;
    /** Rx horizon distance above 3 × the smooth-earth horizon distance. */
    public static final int RX_HORIZON_DISTANCE_2 = 0x1000;
    /** A time, location or situation quantile beyond ±3.1 standard deviations. */
    public static final int EXTREME_VARIABILITIES = 0x2000;
    /** Surface refractivity N_s outside 250–400 N-units. */
    public static final int SURFACE_REFRACTIVITY = 0x4000;

    private static final String[] NAMES = {
        "tx terminal height", "rx terminal height", "frequency", "path distance > 1000 km",
        "path distance > 2000 km", "path distance < dmin", "path distance < 1 km",
        "tx horizon angle", "rx horizon angle", "tx horizon distance < 0.1 dls",
        "rx horizon distance < 0.1 dls", "tx horizon distance > 3 dls", "rx horizon distance > 3 dls",
        "extreme variabilities", "surface refractivity"
    };

    private ItmWarnings() {
    }

    /** Human-readable names of the bits set in {@code warnings}. */
    public static List<String> describe(int warnings) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((warnings & (1 << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }
}
