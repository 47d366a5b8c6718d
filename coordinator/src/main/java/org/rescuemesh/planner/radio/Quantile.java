package org.rescuemesh.planner.radio;

/**
 * Order statistics for the terrain-irregularity deciles. Only the k-th largest and k-th smallest
 * of a few hundred values are needed with k ≤ 25, so two small sorted buffers filled in one pass
 * beat a general selection: after the first k values the comparisons almost always go the same
 * way, which keeps the branch predictor happy. Not thread-safe (scratch buffers).
 */
final class Quantile {
    private final double[] top;
    private final double[] bottom;

    Quantile(int maxRank) {
        top = new double[maxRank];
        bottom = new double[maxRank];
    }

    /**
     * k-th largest minus k-th smallest of a[0..n-1] (1 ≤ k ≤ n, k ≤ the capacity given at construction).
     * The array is not modified.
     */
    double rangeBetweenKthLargestAndKthSmallest(double[] a, int n, int k) {
        double[] t = top;
        double[] b = bottom;
        int filled = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i];
            if (filled < k) {
                // insertion into both buffers until they hold k values
                int j = filled - 1;
                while (j >= 0 && t[j] < x) {
                    t[j + 1] = t[j];
                    j--;
                }
                t[j + 1] = x;
                j = filled - 1;
                while (j >= 0 && b[j] > x) {
                    b[j + 1] = b[j];
                    j--;
                }
                b[j + 1] = x;
                filled++;
                continue;
            }
            if (x > t[k - 1]) {
                int j = k - 2;
                while (j >= 0 && t[j] < x) {
                    t[j + 1] = t[j];
                    j--;
                }
                t[j + 1] = x;
            }
            if (x < b[k - 1]) {
                int j = k - 2;
                while (j >= 0 && b[j] > x) {
                    b[j + 1] = b[j];
                    j--;
                }
                b[j + 1] = x;
            }
        }
        return t[k - 1] - b[k - 1];
    }
}
