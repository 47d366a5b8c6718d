package org.rescuemesh.planner.radio;

/**
 * ITM diffraction attenuation (adiff): a double knife-edge term and a smooth-earth (Vogler
 * three-radii) term, blended by terrain irregularity, plus a clutter term. The per-path constants
 * are computed once in the constructor; {@link #at(double)} evaluates one distance.
 */
final class DiffractionLoss {
    /** 4/3 of a 6,370 km earth: the radius the smooth-earth (Vogler) constants are referred to. */
    private static final double REFERENCE_RADIUS_M = 4.0 / 3.0 * 6370e3;
    private final double wn;
    private final double gme;
    private final double dh;
    private final double dl0;
    private final double dl1;
    private final double dla;
    private final double tha;
    private final double wd1;
    private final double xd1;
    private final double afo;
    private final double zgAbs;
    private final double fCbrt;
    private final double aht;
    private final double xht;

    DiffractionLoss(PathGeometry g, PropagationConstants c, double dlsa, double dla, double tha, boolean pointToPoint) {
        this.wn = c.waveNumber();
        this.gme = c.gammaE();
        this.dh = g.deltaH();
        this.dl0 = g.dl0();
        this.dl1 = g.dl1();
        this.dla = dla;
        this.tha = tha;
        double q = g.hg0() * g.hg1();
        double k = g.he0() * g.he1() - q;
        if (pointToPoint) {
            q += 10.0;
        }
        wd1 = Math.sqrt(1.0 + k / q);
        xd1 = dla + tha / gme;
        q = (1.0 - 0.8 * Math.exp(-dlsa / 50e3)) * dh;
        q *= 0.78 * Math.exp(-Math.sqrt(Math.sqrt(q / 16.0)));
        afo = Math.min(15.0, 5.0 * Math.log10(1.0 + 4.77e-4 * g.hg0() * g.hg1() * wn * q));
        zgAbs = c.frequency().zgAbs();
        fCbrt = c.frequency().cbrtFrequency();
        double ahtSum = 20.0;
        double xhtSum = 0.0;
        for (int j = 0; j < 2; j++) {
            double dl = j == 0 ? g.dl0() : g.dl1();
            double he = j == 0 ? g.he0() : g.he1();
            double a = 0.5 * dl * dl / he;
            double c0 = Math.cbrt(REFERENCE_RADIUS_M / a);
            double kj = 0.017778 * c0 / fCbrt / zgAbs;
            q = (1.607 - kj) * c0 * c0 * fCbrt * dl / 1000.0;
            xhtSum += q;
            ahtSum += heightGain(q, kj);
        }
        aht = ahtSum;
        xht = xhtSum;
    }

    double at(double d) {
        double th = tha + d * gme;
        double ds = d - dla;
        double q = 0.0795775 * wn * ds * th * th;
        double knife = knifeEdge(q * dl0 / (ds + dl0)) + knifeEdge(q * dl1 / (ds + dl1));
        double a = ds / th;
        double c0 = Math.cbrt(REFERENCE_RADIUS_M / a);
        double k = 0.017778 * c0 / fCbrt / zgAbs;
        q = (1.607 - k) * c0 * c0 * fCbrt * ds / 1000.0 + xht;
        double rounded = 0.05751 * q - 10.0 * Math.log10(q) - aht;
        q = (wd1 + xd1 / d) * Math.min((1.0 - 0.8 * Math.exp(-d / 50e3)) * dh * wn, 6283.2);
        double w = 25.1 / (25.1 + Math.sqrt(q));
        return rounded * w + (1.0 - w) * knife + afo;
    }

    /** Knife-edge attenuation as a function of v² (Fresnel-Kirchhoff parameter squared). */
    static double knifeEdge(double v2) {
        if (v2 < 5.76) {
            return 6.02 + 9.11 * Math.sqrt(v2) - 1.27 * v2;
        }
        return 12.953 + 10.0 * Math.log10(v2);
    }

    /** Height-gain function F(x, K) of the smooth-earth diffraction term. */
    static double heightGain(double x, double pk) {
        double fhtv;
        if (x < 200.0) {
            double w = -Math.log(pk);
            if (pk < 1e-5 || x * w * w * w > 5495.0) {
                fhtv = -117.0;
                if (x > 1.0) {
                    fhtv = 40.0 * Math.log10(x) + fhtv;
                }
            } else {
                fhtv = 2.5e-5 * x * x / pk + 20.0 * Math.log10(pk) - 15.0;
            }
        } else {
            fhtv = 0.05751 * x - 10.0 * Math.log10(x);
            if (x < 2000.0) {
                double w = 0.0134 * x * Math.exp(-0.005 * x);
                fhtv = (1.0 - w) * fhtv + w * (40.0 * Math.log10(x) - 117.0);
            }
        }
        return fhtv;
    }
}
