package org.rescuemesh.planner.radio;

/**
 * Area-mode path geometry (qlra): without a profile, effective heights, horizon distances and
 * angles are estimated from the terrain irregularity Δh and how carefully each site was chosen.
 */
final class AreaGeometry {
    private AreaGeometry() {
    }

    static PathGeometry estimate(double hg0, double hg1, SiteCriteria tx, SiteCriteria rx,
                                 double dh, double distM, double gme) {
        double he0 = effectiveHeight(hg0, tx, dh);
        double he1 = effectiveHeight(hg1, rx, dh);
        double q0 = Math.sqrt(2.0 * he0 / gme);
        double dl0 = q0 * Math.exp(-0.07 * Math.sqrt(dh / Math.max(he0, 5.0)));
        double the0 = (0.65 * dh * (q0 / dl0 - 1.0) - 2.0 * he0) / q0;
        double q1 = Math.sqrt(2.0 * he1 / gme);
        double dl1 = q1 * Math.exp(-0.07 * Math.sqrt(dh / Math.max(he1, 5.0)));
        double the1 = (0.65 * dh * (q1 / dl1 - 1.0) - 2.0 * he1) / q1;
        return new PathGeometry(hg0, hg1, he0, he1, dl0, dl1, the0, the1, dh, distM);
    }

    private static double effectiveHeight(double hg, SiteCriteria siting, double dh) {
        if (siting == SiteCriteria.RANDOM) {
            return hg;
        }
        // a careful siter finds a local high spot: the gain shrinks as the antenna rises above the clutter
        double q = siting == SiteCriteria.CAREFUL ? 4.0 : 9.0;
        if (hg < 5.0) {
            q *= Math.sin(0.3141593 * hg);
        }
        return hg + (1.0 + q) * Math.exp(-Math.min(20.0, 2.0 * hg / Math.max(1e-3, dh)));
    }
}
