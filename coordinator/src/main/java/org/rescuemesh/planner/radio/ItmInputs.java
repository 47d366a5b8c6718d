package org.rescuemesh.planner.radio;

/** Range checks shared by the ITM entry points: hard limits of the model, with warnings for the soft ones. */
final class ItmInputs {
    static final double MIN_FREQUENCY_MHZ = 20.0;
    static final double MAX_FREQUENCY_MHZ = 20_000.0;
    static final double MIN_HEIGHT_M = 0.5;
    static final double MAX_HEIGHT_M = 3000.0;

    private ItmInputs() {
    }

    /** Throws for values the model cannot handle, returns warning bits for values it handles poorly. */
    static int check(double txHeightM, double rxHeightM, double frequencyMhz) {
        if (!(frequencyMhz >= MIN_FREQUENCY_MHZ && frequencyMhz <= MAX_FREQUENCY_MHZ)) {
            throw new IllegalArgumentException("frequency must be within 20..20000 MHz for ITM, got " + frequencyMhz + " MHz");
        }
        checkHeight("tx", txHeightM);
        checkHeight("rx", rxHeightM);
        int w = 0;
        if (txHeightM < 1.0 || txHeightM > 1000.0) {
            w |= ItmWarnings.TX_TERMINAL_HEIGHT;
        }
        if (rxHeightM < 1.0 || rxHeightM > 1000.0) {
            w |= ItmWarnings.RX_TERMINAL_HEIGHT;
        }
        if (frequencyMhz < 40.0 || frequencyMhz > 10_000.0) {
            w |= ItmWarnings.FREQUENCY;
        }
        return w;
    }

    static void checkHeight(String which, double h) {
        if (!(h >= MIN_HEIGHT_M && h <= MAX_HEIGHT_M)) {
            throw new IllegalArgumentException(which + " antenna height must be within 0.5..3000 m above ground for ITM, got " + h + " m");
        }
    }

    static double freeSpaceLossDb(double distanceM, double frequencyMhz) {
        return 32.45 + 20.0 * Math.log10(frequencyMhz) + 20.0 * Math.log10(distanceM / 1000.0);
    }

    /** As {@link #freeSpaceLossDb(double, double)}, the frequency's term taken from its constants. */
    static double freeSpaceLossDb(double distanceM, FrequencyConstants frequency) {
        return frequency.freeSpaceTermDb() + 20.0 * Math.log10(distanceM / 1000.0);
    }

    /**
     * The algorithm has no answer (its smooth-earth diffraction term goes through a logarithm of a
     * negative number) for terrain far outside what it was fitted on, such as kilometre-high
     * spikes metres apart. Say so instead of returning NaN.
     */
    static void checkEvaluated(double lossDb, PathGeometry g) {
        if (!Double.isFinite(lossDb)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "ITM cannot evaluate this path: terrain geometry outside the model (horizon angles %.0f/%.0f mrad, "
                            + "horizon distances %.0f/%.0f m, delta_h %.0f m over %.0f m)",
                    g.the0() * 1000, g.the1() * 1000, g.dl0(), g.dl1(), g.deltaH(), g.distanceM()));
        }
    }
}
