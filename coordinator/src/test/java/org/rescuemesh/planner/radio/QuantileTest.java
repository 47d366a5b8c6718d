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
}
