package org.rescuemesh.planner.radio;

/**
 * Everything ITM needs besides the path itself (profile or distance), the antenna heights and the
 * frequency: radio climate, surface refractivity, ground constants, polarisation, variability mode
 * and the time/location/situation percentages (TLS form, 0 &lt; p &lt; 100).
 *
 * @param climate       radio climate
 * @param n0            surface refractivity reduced to sea level, N-units (250–400 is the fitted range)
 * @param epsilon       relative permittivity of the ground
 * @param sigma         ground conductivity, S/m
 * @param polarization  antenna polarisation
 * @param mdvar         variability mode: 0 single message, 1 accidental, 2 mobile, 3 broadcast;
 *                      +10 removes location variability, +20 removes direct situation variability
 * @param timePct       time percentage
 * @param locationPct   location percentage
 * @param situationPct  situation (confidence) percentage
 */
public record ItmParameters(Climate climate, double n0, double epsilon, double sigma,
                            Polarization polarization, int mdvar,
                            double timePct, double locationPct, double situationPct) {

    public ItmParameters {
        if (climate == null) {
            throw new IllegalArgumentException("climate is required");
        }
        if (polarization == null) {
            throw new IllegalArgumentException("polarization is required");
        }
        if (!(n0 >= 250 && n0 <= 400)) {
            throw new IllegalArgumentException("surface refractivity N_0 must be within 250..400 N-units, got " + n0);
        }
        if (!(epsilon >= 1)) {
            throw new IllegalArgumentException("relative permittivity epsilon must be >= 1, got " + epsilon);
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("ground conductivity sigma must be > 0 S/m, got " + sigma);
        }
        int base = mdvar % 10;
        if (mdvar < 0 || mdvar > 33 || base > 3) {
            throw new IllegalArgumentException("mdvar must be 0..3 plus optionally 10 and/or 20, got " + mdvar);
        }
        checkPercent("time", timePct);
        checkPercent("location", locationPct);
        checkPercent("situation", situationPct);
    }

    private static void checkPercent(String what, double p) {
        if (!(p > 0 && p < 100)) {
            throw new IllegalArgumentException(what + " percentage must be strictly between 0 and 100, got " + p);
        }
    }

    /**
     * Typical defaults for a rescue-radio coverage run: continental temperate, N_0 = 301, average
     * ground (ε 15, σ 0.005 S/m), vertical polarisation, broadcast mode, 50/50/50.
     */
    public static ItmParameters defaults() {
        return new ItmParameters(Climate.CONTINENTAL_TEMPERATE, 301, 15, 0.005, Polarization.VERTICAL,
                3, 50, 50, 50);
    }

    public ItmParameters withPercentages(double time, double location, double situation) {
        return new ItmParameters(climate, n0, epsilon, sigma, polarization, mdvar, time, location, situation);
    }
}
