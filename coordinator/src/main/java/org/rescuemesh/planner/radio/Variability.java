package org.rescuemesh.planner.radio;

/**
 * ITM variability (avar): turns the reference attenuation into the attenuation not exceeded for the
 * requested time, location and situation quantiles, using the climate's curves for the median
 * correction and the time spread, a terrain-dependent location spread and a situation spread.
 */
final class Variability {
    private static final double RT = 7.8;
    private static final double RL = 24.0;

    private Variability() {
    }

    /**
     * @param aref   reference attenuation, dB
     * @param he0    effective tx height, m
     * @param he1    effective rx height, m
     * @param dh     terrain irregularity, m
     * @param frequency the frequency's constants
     * @param dist   path distance, m
     * @param zt     standard normal deviate of the time percentage
     * @param zl     … of the location percentage
     * @param zs     … of the situation percentage
     * @param out    out[0] receives the attenuation, out[1] the warning bits raised
     */
    static void apply(double aref, double he0, double he1, double dh, FrequencyConstants frequency, double dist,
                      Climate climate, int mdvar, double zt, double zl, double zs, double[] out) {
        int warnings = 0;
        int kdv = mdvar;
        boolean noSituation = kdv >= 20;
        if (noSituation) {
            kdv -= 20;
        }
        boolean noLocation = kdv >= 10;
        if (noLocation) {
            kdv -= 10;
        }
        double wn = frequency.waveNumber();
        double q = frequency.logVariabilityFrequency();
        double gm = climate.cfm1 + climate.cfm2 / ((climate.cfm3 * q) * (climate.cfm3 * q) + 1.0);
        double gp = climate.cfp1 + climate.cfp2 / ((climate.cfp3 * q) * (climate.cfp3 * q) + 1.0);
        double dexa = Math.sqrt(18e6 * he0) + Math.sqrt(18e6 * he1) + frequency.variabilityDistanceM();
        double de = dist < dexa ? 130e3 * dist / dexa : 130e3 + dist - dexa;
        double vmd = curve(climate.cv1, climate.cv2, climate.yv1, climate.yv2, climate.yv3, de);
        double sgtm = curve(climate.csm1, climate.csm2, climate.ysm1, climate.ysm2, climate.ysm3, de) * gm;
        double sgtp = curve(climate.csp1, climate.csp2, climate.ysp1, climate.ysp2, climate.ysp3, de) * gp;
        double sgtd = sgtp * climate.csd1;
        double tgtd = (sgtp - sgtd) * climate.zd;
        double sgl;
        if (noLocation) {
            sgl = 0.0;
        } else {
            q = (1.0 - 0.8 * Math.exp(-dist / 50e3)) * dh * wn;
            sgl = 10.0 * q / (q + 13.0);
        }
        double vs0;
        if (noSituation) {
            vs0 = 0.0;
        } else {
            vs0 = 5.0 + 3.0 * Math.exp(-de / 100e3);
            vs0 *= vs0;
        }

        double zc = zs;
        switch (kdv) {
            case 0 -> {
                zt = zc;
                zl = zc;
            }
            case 1 -> zl = zc;
            case 2 -> zl = zt;
            default -> { }
        }
        if (Math.abs(zt) > 3.1 || Math.abs(zl) > 3.1 || Math.abs(zc) > 3.1) {
            warnings |= ItmWarnings.EXTREME_VARIABILITIES;
        }
        double sgt;
        if (zt < 0.0) {
            sgt = sgtm;
        } else if (zt <= climate.zd) {
            sgt = sgtp;
        } else {
            sgt = sgtd + tgtd / zt;
        }
        double vs = vs0 + (sgt * zt) * (sgt * zt) / (RT + zc * zc) + (sgl * zl) * (sgl * zl) / (RL + zc * zc);
        double yr;
        double sgc;
        switch (kdv) {
            case 0 -> {
                yr = 0.0;
                sgc = Math.sqrt(sgt * sgt + sgl * sgl + vs);
            }
            case 1 -> {
                yr = sgt * zt;
                sgc = Math.sqrt(sgl * sgl + vs);
            }
            case 2 -> {
                yr = Math.sqrt(sgt * sgt + sgl * sgl) * zt;
                sgc = Math.sqrt(vs);
            }
            default -> {
                yr = sgt * zt + sgl * zl;
                sgc = Math.sqrt(vs);
            }
        }
        double a = aref - vmd - yr - sgc * zc;
        if (a < 0.0) {
            // soft floor: negative excess attenuation is compressed towards -10 dB
            a = a * (29.0 - a) / (29.0 - 10.0 * a);
        }
        out[0] = a;
        out[1] = warnings;
    }

    private static double curve(double c1, double c2, double x1, double x2, double x3, double de) {
        double r = (de - x2) / x3;
        double s = (de / x1) * (de / x1);
        return (c1 + c2 / (1.0 + r * r)) * s / (1.0 + s);
    }

    /** Standard normal deviate exceeded with probability q (0 &lt; q &lt; 1), Abramowitz–Stegun 26.2.23. */
    static double inverseComplementaryNormal(double q) {
        double x = 0.5 - q;
        double t = Math.max(0.5 - Math.abs(x), 0.000001);
        t = Math.sqrt(-2.0 * Math.log(t));
        double v = t - ((0.010328 * t + 0.802853) * t + 2.515516698) / (((0.001308 * t + 0.189269) * t + 1.432788) * t + 1.0);
        return x < 0.0 ? -v : v;
    }
}
