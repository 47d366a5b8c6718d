package org.rescuemesh.planner.radio;

/**
 * Order statistics for the terrain-irregularity deciles: the k-th largest minus the k-th smallest
 * of a few hundred values (k ≤ 25), exactly, by two quickselects on a scratch copy — the second
 * only over the part the first left above the lower decile. On the coverage bench's detrended
 * profiles (n ≤ 245, k ≈ n/10) this costs about three quarters of keeping two sorted k-buffers in
 * one pass: the terrain is correlated, so long runs of rising or falling values keep entering a
 * k-buffer at its front and shift the whole buffer each time. Not thread-safe (scratch buffer).
 */
final class Quantile {
    /** Below this many values a range is finished by insertion sort. */
    private static final int INSERTION_SORT_MAX = 12;
    private double[] scratch;
    private double[] lows;
    private double[] highs;
    /** The k-th smallest and k-th largest of the last range computed. */
    private double lastLower;
    private double lastUpper;

    /** @param expectedValues typical number of values per call (the scratch buffers grow if needed) */
    Quantile(int expectedValues) {
        int size = Math.max(1, expectedValues);
        scratch = new double[size];
        lows = new double[size];
        highs = new double[size];
    }

    /**
     * As {@link #rangeBetweenKthLargestAndKthSmallest(double[], int, int)}, with two guesses that
     * only affect the speed: {@code lowGuess} should have a few more than k values at or below it,
     * {@code highGuess} a few more than k at or above it. One pass then keeps only the values at or
     * below the one and at or above the other, and the two selections run on those short lists
     * (exact whenever at least k values pass a test, which is checked; a side where fewer pass
     * selects over all the values). For the detrended terrain, ±0.7 of the residuals' RMS keeps about 16 %
     * of the values on each side; about 8 % of the coverage bench's calls keep too few and fall back.
     */
    double rangeBetweenKthLargestAndKthSmallest(double[] a, int n, int k, double lowGuess, double highGuess) {
        ensureCapacity(n);
        double[] lo = lows;
        double[] hi = highs;
        int nl = 0;
        int nh = 0;
        for (int i = 0; i < n; i++) {
            // always write, advance only when kept: no branch on the data
            double x = a[i];
            lo[nl] = x;
            nl += x <= lowGuess ? 1 : 0;
            hi[nh] = x;
            nh += x >= highGuess ? 1 : 0;
        }
        if (nl < k && nh < k) {
            return rangeBetweenKthLargestAndKthSmallest(a, n, k);
        }
        // when at least k values are at or below lowGuess, the k smallest are all among them and the
        // k-th smallest of the kept ones is the one sought (likewise above); a side whose guess kept
        // too few (skewed terrain: one long tail) selects over all the values
        double lower = nl >= k ? select(lo, 0, nl - 1, k - 1) : selectInCopy(a, n, k - 1);
        double upper = nh >= k ? select(hi, 0, nh - 1, nh - k) : selectInCopy(a, n, n - k);
        return range(lower, upper);
    }

    /**
     * Buffer for a caller that keeps the values at or below a bound itself (see {@link #rangeOfKept});
     * at least {@code n} long.
     */
    double[] lowKept(int n) {
        ensureCapacity(n);
        return lows;
    }

    /** As {@link #lowKept}, for the values at or above a bound. */
    double[] highKept(int n) {
        ensureCapacity(n);
        return highs;
    }

    /**
     * k-th largest minus k-th smallest of values of which the caller kept in {@link #lowKept} the
     * {@code nl} at or below one bound and in {@link #highKept} the {@code nh} at or above another:
     * exact when nl ≥ k and nh ≥ k (the k smallest are then all among the low ones, the k largest
     * among the high ones), which the caller checks. The buffers are reordered.
     */
    double rangeOfKept(int nl, int nh, int k) {
        return range(select(lows, 0, nl - 1, k - 1), select(highs, 0, nh - 1, nh - k));
    }

    private void ensureCapacity(int n) {
        if (lows.length < n) {
            lows = new double[n];
            highs = new double[n];
            scratch = new double[n];
        }
    }

    private double selectInCopy(double[] a, int n, int rank) {
        double[] s = scratch;
        System.arraycopy(a, 0, s, 0, n);
        return select(s, 0, n - 1, rank);
    }

    /**
     * k-th largest minus k-th smallest of a[0..n-1] (1 ≤ k ≤ n). The array is not modified.
     */
    double rangeBetweenKthLargestAndKthSmallest(double[] a, int n, int k) {
        if (scratch.length < n) {
            scratch = new double[n];
        }
        double[] s = scratch;
        System.arraycopy(a, 0, s, 0, n);
        double lower = select(s, 0, n - 1, k - 1);
        // after the first selection s[0..k-1] holds exactly the ranks 0..k-1 and s[k..n-1] the rest
        double upper = n - k >= k ? select(s, k, n - 1, n - k) : select(s, 0, k - 1, n - k);
        return range(lower, upper);
    }

    private double range(double lower, double upper) {
        lastLower = lower;
        lastUpper = upper;
        return upper - lower;
    }

    /** The k-th smallest value of the last range computed (0 before the first). */
    double lastLower() {
        return lastLower;
    }

    /** The k-th largest value of the last range computed (0 before the first). */
    double lastUpper() {
        return lastUpper;
    }

    /**
     * Puts the value of 0-based rank {@code rank} (within s[left..right]) at s[rank], smaller or
     * equal values before it and greater or equal after it, and returns it.
     */
    private static double select(double[] s, int left, int right, int rank) {
        while (right - left > INSERTION_SORT_MAX) {
            // median of three: sorts s[left], s[mid], s[right], which then serve as sentinels
            int mid = (left + right) >>> 1;
            double x = s[left];
            double y = s[mid];
            double z = s[right];
            if (x > y) {
                double t = x;
                x = y;
                y = t;
            }
            if (y > z) {
                double t = y;
                y = z;
                z = t;
                if (x > y) {
                    t = x;
                    x = y;
                    y = t;
                }
            }
            s[left] = x;
            s[mid] = y;
            s[right] = z;
            double pivot = y;
            // Hoare partition: afterwards s[left..j] <= pivot <= s[j+1..right]
            int i = left;
            int j = right;
            while (true) {
                do {
                    i++;
                } while (s[i] < pivot);
                do {
                    j--;
                } while (s[j] > pivot);
                if (i >= j) {
                    break;
                }
                double t = s[i];
                s[i] = s[j];
                s[j] = t;
            }
            if (rank <= j) {
                right = j;
            } else {
                left = j + 1;
            }
        }
        for (int i = left + 1; i <= right; i++) {
            double x = s[i];
            int j = i - 1;
            while (j >= left && s[j] > x) {
                s[j + 1] = s[j];
                j--;
            }
            s[j + 1] = x;
        }
        return s[rank];
    }
}
