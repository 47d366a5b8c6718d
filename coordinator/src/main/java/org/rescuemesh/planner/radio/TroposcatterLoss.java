package org.rescuemesh.planner.radio;

/**
 * ITM forward-scatter attenuation (ascat): the attenuation function F(θd), the frequency gain
 * function H0 of Rice et al. and a refractivity correction. Keeps the H0 of the previous call, as
 * the algorithm does, to hold H0 steady once it exceeds 15 dB; so evaluation order matters.
 */
final class TroposcatterLoss {
    private static final double[] H0_A = {25.0, 80.0, 177.0, 395.0, 705.0};
    private static final double[] H0_B = {24.0, 45.0, 68.0, 80.0, 105.0};

    private final double wn;
    private final double gme;
    private final double ens;
    private final double the0;
    private final double the1;
    private final double he0;
    private final double he1;
    private final double tha;
    private final double ad;
    private final double rr;
    private final double etq;
    private double h0s = -15.0;

    TroposcatterLoss(PathGeometry g, PropagationConstants c, double tha) {
        this.wn = c.waveNumber();
        this.gme = c.gammaE();
        this.ens = c.ns();
        this.the0 = g.the0();
        this.the1 = g.the1();
        this.he0 = g.he0();
        this.he1 = g.he1();
        this.tha = tha;
        double a = g.dl0() - g.dl1();
        double r = g.he1() / g.he0();
        if (a < 0) {
            a = -a;
            r = 1.0 / r;
        }
        this.ad = a;
        this.rr = r;
        this.etq = (5.67e-6 * ens - 2.32e-3) * ens + 0.031;
    }

    /** Attenuation at distance d, or 1001 when the scatter geometry is degenerate (antennas too low). */
    double at(double d) {
        double h0;
        if (h0s > 15.0) {
            h0 = h0s;
        } else {
            double th = the0 + the1 + d * gme;
            double r2 = 2.0 * wn * th;
            double r1 = r2 * he0;
            r2 *= he1;
            if (r1 < 0.2 && r2 < 0.2) {
                return 1001.0;
            }
            double ss = (d - ad) / (d + ad);
            double q = rr / ss;
            ss = Math.max(0.1, ss);
            q = Math.min(Math.max(0.1, q), 10.0);
            double z0 = (d - ad) * (d + ad) * th * 0.25 / d;
            double zr = Math.min(1.7, z0 / 8.0e3);
            double zr3 = zr * zr * zr;
            double et = (etq * Math.exp(-zr3 * zr3) + 1.0) * z0 / 1.7556e3;
            double ett = Math.max(et, 1.0);
            h0 = (h0f(r1, ett) + h0f(r2, ett)) * 0.5;
            h0 += Math.min(h0, (1.38 - Math.log(ett)) * Math.log(ss) * Math.log(q) * 0.49);
            h0 = LeastSquaresLine.dim(h0, 0.0);
            if (et < 1.0) {
                double t = (1.0 + 1.4142 / r1) * (1.0 + 1.4142 / r2);
                h0 = et * h0 + (1.0 - et) * 10.0 * Math.log10(t * t * (r1 + r2) / (r1 + r2 + 2.8284));
            }
            if (h0 > 15.0 && h0s >= 0.0) {
                h0 = h0s;
            }
        }
        h0s = h0;
        double th = tha + d * gme;
        return attenuationFunction(th * d) + 10.0 * Math.log10(47.7 * wn * th * th * th * th)
                - 0.1 * (ens - 301.0) * Math.exp(-th * d / 40e3) + h0;
    }

    /** H0(r, η_s): frequency gain, interpolated between integer η_s. */
    static double h0f(double r, double et) {
        int it = (int) et;
        double q;
        if (it <= 0) {
            it = 1;
            q = 0.0;
        } else if (it >= 5) {
            it = 5;
            q = 0.0;
        } else {
            q = et - it;
        }
        double x = (1.0 / r) * (1.0 / r);
        double h = 10.0 * Math.log10((H0_A[it - 1] * x + H0_B[it - 1]) * x + 1.0);
        if (q != 0.0) {
            h = (1.0 - q) * h + q * 10.0 * Math.log10((H0_A[it] * x + H0_B[it]) * x + 1.0);
        }
        return h;
    }

    /** F(θd), the scatter attenuation function of the product of angle and distance. */
    static double attenuationFunction(double td) {
        if (td <= 10e3) {
            return 133.4 + 0.332e-3 * td - 10.0 * Math.log10(td);
        } else if (td <= 70e3) {
            return 104.6 + 0.212e-3 * td - 2.5 * Math.log10(td);
        }
        return 71.8 + 0.157e-3 * td + 5.0 * Math.log10(td);
    }
}
