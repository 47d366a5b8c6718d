package org.rescuemesh.planner.radio;

/**
 * Point-to-point path geometry from a terrain profile (qlrpfl): radio horizons (hzns), terrain
 * irregularity Δh (d1thx) and effective antenna heights from least-squares lines (zlsq1). For
 * line-of-sight paths the horizons are replaced by smooth-earth estimates, as the algorithm does.
 * Not thread-safe: holds scratch buffers.
 */
final class ProfileAnalysis {
    private final TerrainRoughness roughness = new TerrainRoughness();
    private final double[] line = new double[2];

    PathGeometry analyse(double[] z, int np, double spacing, double hg0, double hg1, double gme) {
        double dist = np * spacing;

        // --- horizons (hzns): lowest elevation angle that clears every profile point
        double za = z[0] + hg0;
        double zb = z[np] + hg1;
        double qc = 0.5 * gme;
        double q = qc * dist;
        double the1 = (zb - za) / dist;
        double the0 = the1 - q;
        the1 = -the1 - q;
        double dl0 = dist;
        double dl1 = dist;
        // every interior point is tested against both terminals: the horizon is the point seen at
        // the highest elevation angle (earth curvature folded into the angle)
        double sa = 0.0;
        double sb = dist;
        // sum of all heights rides along to catch NaN/infinite elevations (DEM voids) for free
        double finiteCheck = z[0] + z[np];
        for (int i = 1; i < np; i++) {
            sa += spacing;
            sb -= spacing;
            double zi = z[i];
            finiteCheck += zi;
            q = zi - (qc * sa + the0) * sa - za;
            if (q > 0.0) {
                the0 += q / sa;
                dl0 = sa;
            }
            q = zi - (qc * sb + the1) * sb - zb;
            if (q > 0.0) {
                the1 += q / sb;
                dl1 = sb;
            }
        }

        if (!Double.isFinite(finiteCheck)) {
            for (int i = 0; i <= np; i++) {
                if (!Double.isFinite(z[i])) {
                    throw new IllegalArgumentException("terrain elevation " + i + " is not a finite number (" + z[i]
                            + "); fill DEM voids before computing a path");
                }
            }
        }

        // --- terrain irregularity over the path, away from the immediate foreground of each antenna
        double xl0 = Math.min(15.0 * hg0, 0.1 * dl0);
        double xl1 = dist - Math.min(15.0 * hg1, 0.1 * dl1);
        double dh = roughness.deltaH(z, np, spacing, xl0, xl1);

        double he0;
        double he1;
        if (dl0 + dl1 > 1.5 * dist) {
            // line of sight: effective heights above the fitted line, smooth-earth horizons
            LeastSquaresLine.fit(z, np, spacing, xl0, xl1, line);
            he0 = hg0 + LeastSquaresLine.dim(z[0], line[0]);
            he1 = hg1 + LeastSquaresLine.dim(z[np], line[1]);
            dl0 = smoothHorizon(he0, gme, dh);
            dl1 = smoothHorizon(he1, gme, dh);
            q = dl0 + dl1;
            if (q <= dist) {
                // keep the horizons at least as far as the path: scale the effective heights up
                q = (dist / q) * (dist / q);
                he0 *= q;
                he1 *= q;
                dl0 = smoothHorizon(he0, gme, dh);
                dl1 = smoothHorizon(he1, gme, dh);
            }
            double q0 = Math.sqrt(2.0 * he0 / gme);
            the0 = (0.65 * dh * (q0 / dl0 - 1.0) - 2.0 * he0) / q0;
            double q1 = Math.sqrt(2.0 * he1 / gme);
            the1 = (0.65 * dh * (q1 / dl1 - 1.0) - 2.0 * he1) / q1;
        } else {
            // trans-horizon: fit each antenna's foreground up to 0.9 of its horizon distance
            LeastSquaresLine.fit(z, np, spacing, xl0, 0.9 * dl0, line);
            double fitA = line[0];
            LeastSquaresLine.fit(z, np, spacing, dist - 0.9 * dl1, xl1, line);
            double fitB = line[1];
            he0 = hg0 + LeastSquaresLine.dim(z[0], fitA);
            he1 = hg1 + LeastSquaresLine.dim(z[np], fitB);
        }
        return new PathGeometry(hg0, hg1, he0, he1, dl0, dl1, the0, the1, dh, dist);
    }

    /** Smooth-earth horizon distance for effective height he, shortened by terrain irregularity. */
    static double smoothHorizon(double he, double gme, double dh) {
        return Math.sqrt(2.0 * he / gme) * Math.exp(-0.07 * Math.sqrt(dh / Math.max(he, 5.0)));
    }
}
