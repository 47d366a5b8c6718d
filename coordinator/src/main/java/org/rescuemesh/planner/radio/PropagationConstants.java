package org.rescuemesh.planner.radio;

/**
 * The "prepare model" step of ITM (qlrps): wave number, surface refractivity at the path's height,
 * effective earth curvature and the complex ground impedance.
 *
 * @param waveNumber     k = f / 47.7 MHz, per metre
 * @param ns             surface refractivity at the system elevation, N-units
 * @param gammaE         effective earth curvature, 1/m
 * @param zgRe           real part of the ground impedance
 * @param zgIm           imaginary part of the ground impedance
 */
record PropagationConstants(double waveNumber, double ns, double gammaE, double zgRe, double zgIm) {

    /** Actual earth curvature, 1/m. */
    static final double EARTH_CURVATURE = 157e-9;

    static PropagationConstants prepare(double fMhz, double systemElevationM, double n0,
                                        Polarization pol, double epsilon, double sigma) {
        double wn = fMhz / 47.7;
        double ens = n0;
        if (systemElevationM != 0) {
            ens *= Math.exp(-systemElevationM / 9460.0);
        }
        double gme = EARTH_CURVATURE * (1 - 0.04665 * Math.exp(ens / 179.3));
        // zq = epsilon + j * 376.62 sigma / k ; Z_g = sqrt(zq - 1), divided by zq for vertical polarisation
        double qRe = epsilon;
        double qIm = 18000.0 * sigma / fMhz;
        double[] root = complexSqrt(qRe - 1, qIm);
        double zRe = root[0];
        double zIm = root[1];
        if (pol == Polarization.VERTICAL) {
            double den = qRe * qRe + qIm * qIm;
            double re = (zRe * qRe + zIm * qIm) / den;
            double im = (zIm * qRe - zRe * qIm) / den;
            zRe = re;
            zIm = im;
        }
        return new PropagationConstants(wn, ens, gme, zRe, zIm);
    }

    /** Principal square root, as std::sqrt of a complex number. */
    private static double[] complexSqrt(double re, double im) {
        double mod = Math.sqrt(re * re + im * im);
        if (mod == 0) {
            return new double[] {0, 0};
        }
        if (re >= 0) {
            double t = Math.sqrt(0.5 * (mod + re));
            return new double[] {t, im / (2 * t)};
        }
        double t = Math.sqrt(0.5 * (mod - re));
        return new double[] {Math.abs(im) / (2 * t), Math.copySign(t, im)};
    }
}
