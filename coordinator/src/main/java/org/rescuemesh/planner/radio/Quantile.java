package org.rescuemesh.planner.radio;

/** In-place selection of the k-th largest value (Hoare's FIND), reorders the array. */
final class Quantile {
    private Quantile() {
    }

    /**
     * @param a values, only the first {@code n} are used (and reordered)
     * @param k 0-based rank in descending order (0 = maximum), clamped into 0..n-1
     */
    static double kthLargest(double[] a, int n, int k) {
        k = Math.min(Math.max(0, k), n - 1);
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = a[k];
            int i = lo;
            int j = hi;
            do {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) {
                lo = i;
            }
            if (k < i) {
                hi = j;
            }
        }
        return a[k];
    }
}
