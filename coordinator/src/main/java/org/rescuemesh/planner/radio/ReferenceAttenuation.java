package org.rescuemesh.planner.radio;

/**
 * The ITM reference attenuation A_ref below free space (lrprop): a line-of-sight curve out to the
 * smooth-earth horizon distance d_Ls, a straight diffraction line fitted through two points beyond
 * it, and a straight troposcatter line beyond d_x, each region joined to its neighbour.
 *
 * @param attenuationDb A_ref, dB (never negative)
 * @param mode          region the distance falls in
 * @param warnings      {@link ItmWarnings} bits raised by the geometry and distance
 */
record ReferenceAttenuation(double attenuationDb, PropagationMode mode, int warnings) {

    static ReferenceAttenuation compute(PathGeometry g, PropagationConstants c, double dist, boolean pointToPoint) {
        double gme = c.gammaE();
        double wn = c.waveNumber();
        double dls0 = Math.sqrt(2.0 * g.he0() / gme);
        double dls1 = Math.sqrt(2.0 * g.he1() / gme);
        double dlsa = dls0 + dls1;
        double dla = g.dl0() + g.dl1();
        double tha = Math.max(g.the0() + g.the1(), -dla * gme);

        int warnings = horizonWarnings(g, dls0, dls1);
        if (c.ns() < 250.0 || c.ns() > 400.0) {
            warnings |= ItmWarnings.SURFACE_REFRACTIVITY;
        }
        double dmin = Math.abs(g.he0() - g.he1()) / 200e-3;
        if (dist > 1000e3) {
            warnings |= ItmWarnings.PATH_DISTANCE_TOO_BIG_1;
        }
        if (dist > 2000e3) {
            warnings |= ItmWarnings.PATH_DISTANCE_TOO_BIG_2;
        }
        if (dist < dmin) {
            warnings |= ItmWarnings.PATH_DISTANCE_TOO_SMALL_1;
        }
        if (dist < 1e3) {
            warnings |= ItmWarnings.PATH_DISTANCE_TOO_SMALL_2;
        }

        // diffraction line through two points beyond the horizon
        DiffractionLoss diffraction = new DiffractionLoss(g, c, dlsa, dla, tha, pointToPoint);
        double xae = Math.cbrt(1.0 / (wn * gme * gme));
        double d3 = Math.max(dlsa, 1.3787 * xae + dla);
        double d4 = d3 + 2.7574 * xae;
        double a3 = diffraction.at(d3);
        double a4 = diffraction.at(d4);
        double emd = (a4 - a3) / (d4 - d3);
        double aed = a3 - emd * d3;

        double aref;
        PropagationMode mode;
        if (dist < dlsa) {
            aref = lineOfSight(g, c, dist, dlsa, dla, emd, aed);
            mode = PropagationMode.LINE_OF_SIGHT;
        } else {
            TroposcatterLoss scatter = new TroposcatterLoss(g, c, tha);
            double d5 = dla + 200e3;
            double d6 = d5 + 200e3;
            double a6 = scatter.at(d6);
            double a5 = scatter.at(d5);
            double ems;
            double aes;
            double dx;
            if (a5 < 1000.0) {
                ems = (a6 - a5) / 200e3;
                dx = Math.max(Math.max(dlsa, dla + 0.3 * xae * c.frequency().logScatterFrequency()),
                        (a5 - aed - ems * d5) / (emd - ems));
                aes = (emd - ems) * dx + aed;
            } else {
                ems = emd;
                aes = aed;
                dx = 10e6;
            }
            if (dist > dx) {
                aref = aes + ems * dist;
                mode = PropagationMode.TROPOSCATTER;
            } else {
                aref = aed + emd * dist;
                mode = PropagationMode.DIFFRACTION;
            }
        }
        return new ReferenceAttenuation(Math.max(aref, 0.0), mode, warnings);
    }

    /** Line-of-sight region: A = A_el + K1 d + K2 ln d fitted through points at d0, d1 and d_Ls. */
    private static double lineOfSight(PathGeometry g, PropagationConstants c, double dist, double dlsa,
                                      double dla, double emd, double aed) {
        LineOfSightLoss los = new LineOfSightLoss(g, c, dlsa, emd, aed);
        double d2 = dlsa;
        double a2 = aed + d2 * emd;
        double d0 = 1.908 * c.waveNumber() * g.he0() * g.he1();
        double d1;
        if (aed >= 0.0) {
            d0 = Math.min(d0, 0.5 * dla);
            d1 = d0 + 0.25 * (dla - d0);
        } else {
            d1 = Math.max(-aed / emd, 0.25 * dla);
        }
        double a1 = los.at(d1);
        boolean wq = false;
        double ak1 = 0.0;
        double ak2 = 0.0;
        if (d0 < d1) {
            double a0 = los.at(d0);
            double q = Math.log(d2 / d0);
            ak2 = Math.max(0.0, ((d2 - d0) * (a1 - a0) - (d1 - d0) * (a2 - a0))
                    / ((d2 - d0) * Math.log(d1 / d0) - (d1 - d0) * q));
            wq = aed >= 0.0 || ak2 > 0.0;
            if (wq) {
                ak1 = (a2 - a0 - ak2 * q) / (d2 - d0);
                if (ak1 < 0.0) {
                    ak1 = 0.0;
                    ak2 = LeastSquaresLine.dim(a2, a0) / q;
                    if (ak2 == 0.0) {
                        ak1 = emd;
                    }
                }
            }
        }
        if (!wq) {
            ak1 = LeastSquaresLine.dim(a2, a1) / (d2 - d1);
            ak2 = 0.0;
            if (ak1 == 0.0) {
                ak1 = emd;
            }
        }
        double ael = a2 - ak1 * d2 - ak2 * Math.log(d2);
        return ael + ak1 * dist + ak2 * Math.log(dist);
    }

    private static int horizonWarnings(PathGeometry g, double dls0, double dls1) {
        int w = 0;
        if (Math.abs(g.the0()) > 200e-3) {
            w |= ItmWarnings.TX_HORIZON_ANGLE;
        }
        if (Math.abs(g.the1()) > 200e-3) {
            w |= ItmWarnings.RX_HORIZON_ANGLE;
        }
        if (g.dl0() < 0.1 * dls0) {
            w |= ItmWarnings.TX_HORIZON_DISTANCE_1;
        }
        if (g.dl1() < 0.1 * dls1) {
            w |= ItmWarnings.RX_HORIZON_DISTANCE_1;
        }
        if (g.dl0() > 3.0 * dls0) {
            w |= ItmWarnings.TX_HORIZON_DISTANCE_2;
        }
        if (g.dl1() > 3.0 * dls1) {
            w |= ItmWarnings.RX_HORIZON_DISTANCE_2;
        }
        return w;
    }
}
