package org.rescuemesh.planner.radio;

/**
 * The "prepare model" step of ITM (qlrps): the frequency's constants (wave number, complex ground
 * impedance, see {@link FrequencyConstants}), surface refractivity at the path's height and the
 * effective earth curvature.
 *
 * @param frequency      the constants of the frequency and ground
 * @param ns             surface refractivity at the system elevation, N-units
 * @param gammaE         effective earth curvature, 1/m
 */
record PropagationConstants(FrequencyConstants frequency, double ns, double gammaE) {

    /** Actual earth curvature, 1/m. */
    static final double EARTH_CURVATURE = 157e-9;

    static PropagationConstants prepare(double fMhz, double systemElevationM, double n0,
                                        Polarization pol, double epsilon, double sigma) {
        return prepare(FrequencyConstants.of(fMhz, pol, epsilon, sigma), systemElevationM, n0);
    }

    static PropagationConstants prepare(FrequencyConstants frequency, double systemElevationM, double n0) {
        double ens = n0;
        if (systemElevationM != 0) {
            ens *= Math.exp(-systemElevationM / 9460.0);
        }
        double gme = EARTH_CURVATURE * (1 - 0.04665 * Math.exp(ens / 179.3));
        return new PropagationConstants(frequency, ens, gme);
    }

    /** k = f / 47.7 MHz, per metre. */
    double waveNumber() {
        return frequency.waveNumber();
    }

    double zgRe() {
        return frequency.zgRe();
    }

    double zgIm() {
        return frequency.zgIm();
    }
}
