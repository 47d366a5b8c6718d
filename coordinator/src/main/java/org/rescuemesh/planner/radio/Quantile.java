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

    /** @param expectedValues typical number of values per call (the scratch copy grows if needed) */
    Quantile(int expectedValues) {
        scratch = new double[Math.max(1, expectedValues)];
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
        return upper - lower;
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
