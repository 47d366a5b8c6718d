package org.rescuemesh.planner.radio;

/**
 * ITM line-of-sight attenuation (alos): two-ray interference with a rough-surface reflection
 * coefficient, blended with the extrapolated diffraction line so the two regions join smoothly.
 */
final class LineOfSightLoss {
    private final double wn;
    private final double dh;
    private final double he0;
    private final double he1;
    private final double zgRe;
    private final double zgIm;
    private final double emd;
    private final double aed;
    private final double wls;

    LineOfSightLoss(PathGeometry g, PropagationConstants c, double dlsa, double emd, double aed) {
        this.wn = c.waveNumber();
        this.dh = g.deltaH();
        this.he0 = g.he0();
        this.he1 = g.he1();
        this.zgRe = c.zgRe();
        this.zgIm = c.zgIm();
        this.emd = emd;
        this.aed = aed;
        this.wls = 1.0 / (1.0 + 47.7 * wn * dh / Math.max(10e3, dlsa));
    }

    double at(double d) {
        double q = (1.0 - 0.8 * Math.exp(-d / 50e3)) * dh;
        double s = 0.78 * q * Math.exp(-Math.sqrt(Math.sqrt(q / 16.0)));
        q = he0 + he1;
        double sps = q / Math.sqrt(d * d + q * q);
        // r = (sps - Z_g) / (sps + Z_g) * exp(-min(10, k s sps))
        double nRe = sps - zgRe;
        double nIm = -zgIm;
        double dRe = sps + zgRe;
        double dIm = zgIm;
        double den = dRe * dRe + dIm * dIm;
        double damp = Math.exp(-Math.min(10.0, wn * s * sps));
        double rRe = (nRe * dRe + nIm * dIm) / den * damp;
        double rIm = (nIm * dRe - nRe * dIm) / den * damp;
        q = rRe * rRe + rIm * rIm;
        if (q < 0.25 || q < sps) {
            double f = Math.sqrt(sps / q);
            rRe *= f;
            rIm *= f;
        }
        double extrapolated = emd * d + aed;
        q = wn * he0 * he1 * 2.0 / d;
        if (q > Math.PI / 2) {
            q = Math.PI - Math.PI * Math.PI / 4 / q;
        }
        double sumRe = Math.cos(q) + rRe;
        double sumIm = -Math.sin(q) + rIm;
        double twoRay = -10.0 * Math.log10(sumRe * sumRe + sumIm * sumIm);
        return (twoRay - extrapolated) * wls + extrapolated;
    }
}
