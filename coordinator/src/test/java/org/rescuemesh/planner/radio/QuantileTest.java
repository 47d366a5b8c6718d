package org.rescuemesh.planner.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantileTest {

    @Test
    void matchesSortingOnRandomMonotoneAndTiedData() {
        SplittableRandom rnd = new SplittableRandom(3);
        Quantile q = new Quantile(25);
        for (int round = 0; round < 2000; round++) {
            int n = 35 + rnd.nextInt(211);
            int k = 1 + rnd.nextInt(25);
            double[] a = new double[n];
            int kind = round % 4;
            for (int i = 0; i < n; i++) {
                a[i] = switch (kind) {
                    case 0 -> rnd.nextDouble() * 100;
                    case 1 -> i;                         // rising
                    case 2 -> -i;                        // falling
                    default -> rnd.nextInt(5);           // many ties
                };
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            double expected = sorted[n - k] - sorted[k - 1];
            double[] copy = a.clone();
            assertThat(q.rangeBetweenKthLargestAndKthSmallest(a, n, k)).isEqualTo(expected);
            assertThat(a).isEqualTo(copy);
        }
    }

    @Test
    void anyRankOnSmallArraysIncludingRanksPastTheMiddle() {
        SplittableRandom rnd = new SplittableRandom(11);
        Quantile q = new Quantile(4);
        for (int round = 0; round < 3000; round++) {
            int n = 1 + rnd.nextInt(60);
            int k = 1 + rnd.nextInt(n);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = round % 2 == 0 ? rnd.nextInt(4) : rnd.nextGaussian();
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            assertThat(q.rangeBetweenKthLargestAndKthSmallest(a, n, k)).isEqualTo(sorted[n - k] - sorted[k - 1]);
        }
    }

    @Test
    void guessesChangeNothingButTheSpeedEvenWhenTheyAreWrong() {
        SplittableRandom rnd = new SplittableRandom(5);
        Quantile q = new Quantile(8);
        for (int round = 0; round < 4000; round++) {
            int n = 1 + rnd.nextInt(245);
            int k = 1 + rnd.nextInt(Math.min(n, 25));
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = round % 3 == 0 ? rnd.nextInt(6) - 3 : rnd.nextGaussian() * 10 + (round % 3 == 1 ? i * 0.1 : 0);
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            double spread = rnd.nextDouble() * 20;
            double low = switch (round % 5) {
                case 0 -> Double.NaN;
                case 1 -> Double.NEGATIVE_INFINITY;
                case 2 -> Double.POSITIVE_INFINITY;
                default -> -spread;
            };
            double high = round % 5 == 0 ? Double.NaN : spread - rnd.nextDouble() * 15;
            double[] copy = a.clone();
            assertThat(q.rangeBetweenKthLargestAndKthSmallest(a, n, k, low, high))
                    .as("n %d k %d guesses %s %s", n, k, low, high)
                    .isEqualTo(sorted[n - k] - sorted[k - 1]);
            assertThat(a).isEqualTo(copy);
        }
    }

    @Test
    void valuesKeptByTheCallerGiveTheRangeAndItsEnds() {
        SplittableRandom rnd = new SplittableRandom(17);
        Quantile q = new Quantile(8);
        int checked = 0;
        for (int round = 0; round < 4000; round++) {
            int n = 1 + rnd.nextInt(245);
            int k = 1 + rnd.nextInt(Math.min(n, 25));
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = round % 3 == 0 ? rnd.nextInt(6) : rnd.nextGaussian() * 40;
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            // bounds anywhere around the deciles, as a previous path's would be
            double low = sorted[k - 1] + (rnd.nextDouble() - 0.3) * 20;
            double high = sorted[n - k] - (rnd.nextDouble() - 0.3) * 20;
            double[] lo = q.lowKept(n);
            double[] hi = q.highKept(n);
            int nl = 0;
            int nh = 0;
            for (double x : a) {
                if (x <= low) {
                    lo[nl++] = x;
                }
                if (x >= high) {
                    hi[nh++] = x;
                }
            }
            if (nl < k || nh < k) {
                continue;
            }
            checked++;
            assertThat(q.rangeOfKept(nl, nh, k)).isEqualTo(sorted[n - k] - sorted[k - 1]);
            assertThat(q.lastLower()).isEqualTo(sorted[k - 1]);
            assertThat(q.lastUpper()).isEqualTo(sorted[n - k]);
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
