package org.rescuemesh.planner.radio;

/**
 * Terrain irregularity Δh (d1thx): the interdecile range of the terrain heights about a
 * least-squares line over a stretch of the profile, scaled to its asymptotic value for long paths.
 * Holds scratch buffers so a call allocates nothing; one instance per thread.
 */
final class TerrainRoughness {
    /** The resampled stretch has at most 10·25 − 5 points. */
    private static final int MAX_SAMPLES = 245;
    private final double[] samples = new double[MAX_SAMPLES];
    private final Quantile deciles = new Quantile(MAX_SAMPLES);

    /**
     * @param z       elevations 0..np
     * @param np      intervals
     * @param spacing metres between points
     * @param x1      start of the stretch, metres from the transmitter
     * @param x2      end of the stretch, metres from the transmitter
     */
    double deltaH(double[] z, int np, double spacing, double x1, double x2) {
        double xa = x1 / spacing;
        double xb = x2 / spacing;
        if (xb - xa < 2.0) {
            return 0.0;
        }
        int ka = (int) (0.1 * (xb - xa + 8.0));
        ka = Math.min(Math.max(4, ka), 25);
        int n = 10 * ka - 5;
        double sn = n - 1;
        double[] s = samples;
        // resample the stretch at n equally spaced points by linear interpolation, and fit the
        // least-squares line through them in the same pass: the sums of LeastSquaresLine.fit over
        // the samples (x1 = 0, x2 = n − 1, unit spacing), in its order of operations, so the line is
        // the one that call returns; its two ends first, as the fit starts from them
        double step = (xb - xa) / sn;
        int first = (int) (xa + 1.0);
        s[0] = sample(z, np, first, xa, step, 0);
        s[n - 1] = sample(z, np, first, xa, step, n - 1);
        double t = -0.5 * sn;
        double a = 0.5 * (s[0] + s[n - 1]);
        double b = 0.5 * (s[0] - s[n - 1]) * t;
        for (int j = 1; j < n - 1; j++) {
            // each sample's position from its index, not by accumulating the step: the samples
            // are then independent of each other (the running sum was a chain of dependent
            // additions, one per sample, and the loop waited on it); the positions differ from
            // the running sum's only by its rounding
            double x = xa + j * step;
            // ceil(x) for x >= 0 without Math.ceil (a library call where the JIT has no intrinsic for
            // it, as in C1): truncation is the floor, one more when x has a fraction; NaN gives 0 both ways
            int below = (int) x;
            int k = Math.max(first, Math.min(np, below + (below < x ? 1 : 0)));
            double v = z[k] + (z[k] - z[k - 1]) * (x - k);
            s[j] = v;
            t += 1.0;
            a += v;
            b += v * t;
        }
        a /= sn;
        b = b * 12.0 / ((sn * sn + 2.0) * sn);
        double middle = sn + -0.5 * sn;
        xa = a - b * middle;
        xb = (a + b * (sn - middle) - xa) / sn;
        // detrend, and in the same pass keep the residuals at or below a low bound and at or above a
        // high bound for the deciles' selection (see Quantile): the bounds come from the previous
        // call's deciles, widened by 5 % of their range, as this call's own figures are known only
        // after the pass; consecutive paths are neighbours (the same ray one sample longer, or the
        // next ray), so each bound keeps a few more than ka values in about 97–98 % of
        // the calls of the coverage bench (≈ 27 per side against 42 with ±0.7 RMS of the same
        // path). The bounds only affect the speed: when one kept fewer than ka, the selection is
        // redone with bounds from this call's own residuals (±0.7 of their RMS, then all values)
        double margin = 0.05 * (deciles.lastUpper() - deciles.lastLower());
        double low = deciles.lastLower() + margin;
        double high = deciles.lastUpper() - margin;
        double[] lo = deciles.lowKept(n);
        double[] hi = deciles.highKept(n);
        int nl = 0;
        int nh = 0;
        double squares = 0.0;
        for (int j = 0; j < n; j++) {
            double v = s[j] - xa;
            s[j] = v;
            squares += v * v;
            xa += xb;
            // always write, advance only when kept: no branch on the data
            lo[nl] = v;
            nl += v <= low ? 1 : 0;
            hi[nh] = v;
            nh += v >= high ? 1 : 0;
        }
        // upper minus lower decile: the ka-th largest and the kb-th largest, which is the ka-th smallest;
        // the residuals' RMS only guides the selection (the deciles of a normal spread are ±1.28 RMS)
        double guess = 0.7 * Math.sqrt(squares / n);
        double d = nl >= ka && nh >= ka
                ? deciles.rangeOfKept(nl, nh, ka)
                : deciles.rangeBetweenKthLargestAndKthSmallest(s, n, ka, -guess, guess);
        return d / (1.0 - 0.8 * Math.exp(-(x2 - x1) / 50e3));
    }

    /** Sample j of the resampled stretch, as the loop in {@link #deltaH} computes it. */
    private static double sample(double[] z, int np, int first, double xa, double step, int j) {
        double x = xa + j * step;
        int below = (int) x;
        int k = Math.max(first, Math.min(np, below + (below < x ? 1 : 0)));
        return z[k] + (z[k] - z[k - 1]) * (x - k);
    }
}
