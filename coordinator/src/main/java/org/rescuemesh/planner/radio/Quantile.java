package org.rescuemesh.planner.radio;

/**
 * In-place selection of order statistics (quickselect, Hoare partition with a median-of-three
 * pivot so structured terrain cannot drive it quadratic). Reorders the array.
 */
final class Quantile {
    private Quantile() {
    }

    /**
     * The k-th largest of {@code a[lo..hi]} (k is an absolute index, 0 = largest of the whole
     * array when lo = 0). After the call a[lo..k-1] ≥ a[k] ≥ a[k+1..hi], so a second, larger k
     * can be selected from a[k+1..hi] alone.
     */
    static double kthLargest(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // order a[lo] >= a[mid] >= a[hi], then use a[mid] as pivot
            if (a[mid] > a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] > a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] > a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
