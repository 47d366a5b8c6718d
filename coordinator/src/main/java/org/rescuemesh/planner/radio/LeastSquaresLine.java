package org.rescuemesh.planner.radio;

/**
 * Least-squares straight line through the profile points between two distances (zlsq1), evaluated
 * at both ends of the whole profile. Used for effective antenna heights and to detrend the terrain
 * before measuring its irregularity.
 */
final class LeastSquaresLine {
    private LeastSquaresLine() {
    }

    /**
     * @param z       elevations at indices 0..np
     * @param np      number of intervals
     * @param spacing spacing of the points (same unit as x1, x2)
     * @param x1      start of the fitted stretch
     * @param x2      end of the fitted stretch
     * @param out     receives the fitted height at the start (out[0]) and at the end (out[1]) of the profile
     */
    static void fit(double[] z, int np, double spacing, double x1, double x2, double[] out) {
        double xn = np;
        double xa = (int) dim(x1 / spacing, 0.0);
        double xb = xn - (int) dim(xn, x2 / spacing);
        if (xb <= xa) {
            xa = dim(xa, 1.0);
            xb = xn - dim(xn, xb + 1.0);
        }
        int ja = (int) xa;
        int jb = (int) xb;
        int n = jb - ja;
        xa = xb - xa;
        double x = -0.5 * xa;
        xb += x;
        double a = 0.5 * (z[ja] + z[jb]);
        double b = 0.5 * (z[ja] - z[jb]) * x;
        for (int i = 2; i <= n; i++) {
            ja++;
            x += 1.0;
            a += z[ja];
            b += z[ja] * x;
        }
        a /= xa;
        b = b * 12.0 / ((xa * xa + 2.0) * xa);
        out[0] = a - b * xb;
        out[1] = a + b * (xn - xb);
    }

    /** Fortran's DIM: positive difference. */
    static double dim(double x, double y) {
        return x > y ? x - y : 0.0;
    }
}
