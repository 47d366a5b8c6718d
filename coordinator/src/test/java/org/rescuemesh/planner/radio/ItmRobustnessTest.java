package org.rescuemesh.planner.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Any valid input gives a finite loss: short, flat, steep and extreme profiles included. */
class ItmRobustnessTest {

    @Test
    void randomValidInputsGiveFiniteResults() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int n = 0; n < 20_000; n++) {
            int points = 2 + rnd.nextInt(n % 10 == 0 ? 400 : 12);
            double spacing = Math.exp(Math.log(1) + rnd.nextDouble() * Math.log(2000));
            double[] z = new double[points];
            int shape = rnd.nextInt(4);
            for (int i = 0; i < points; i++) {
                z[i] = switch (shape) {
                    case 0 -> 0.0;                                   // flat sea level
                    case 1 -> 500 + rnd.nextDouble() * Math.min(3000, 2 * spacing); // rough, slopes up to ~60°
                    case 2 -> i * spacing * 0.5;                     // steep ramp
                    default -> 100 + 50 * Math.sin(i * 0.3);
                };
            }
            double htx = 0.5 + rnd.nextDouble() * 2999.5;
            double hrx = rnd.nextBoolean() ? 0.5 + rnd.nextDouble() * 20 : 0.5 + rnd.nextDouble() * 2999.5;
            double f = 20 + rnd.nextDouble() * 19_980;
            ItmParameters p = new ItmParameters(Climate.ofCode(1 + rnd.nextInt(7)), 250 + rnd.nextDouble() * 150,
                    1 + rnd.nextDouble() * 80, 0.0001 + rnd.nextDouble() * 5, rnd.nextBoolean() ? Polarization.VERTICAL : Polarization.HORIZONTAL,
                    new int[] {0, 1, 2, 3, 11, 12, 13, 21, 22, 23, 31, 32, 33}[rnd.nextInt(13)],
                    0.01 + rnd.nextDouble() * 99.98, 0.01 + rnd.nextDouble() * 99.98, 0.01 + rnd.nextDouble() * 99.98);
            ItmResult r = new ItmPointToPoint(p).predict(TerrainProfile.of(spacing, z), htx, hrx, f);
            assertThat(r.basicTransmissionLossDb()).as("case %d: %d points, spacing %.2f, shape %d, h %.2f/%.2f, f %.1f",
                    n, points, spacing, shape, htx, hrx, f).isFinite();
            assertThat(r.referenceAttenuationDb()).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(r.deltaHM()).isFinite().isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void areaModeOverItsRangeIsFinite() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n = 0; n < 5_000; n++) {
            ItmParameters p = ItmParameters.defaults().withPercentages(1 + rnd.nextDouble() * 98, 1 + rnd.nextDouble() * 98,
                    1 + rnd.nextDouble() * 98);
            ItmResult r = ItmArea.predict(0.5 + rnd.nextDouble() * 100, 0.5 + rnd.nextDouble() * 100,
                    SiteCriteria.ofCode(rnd.nextInt(3)), SiteCriteria.ofCode(rnd.nextInt(3)), 0.01 + rnd.nextDouble() * 2000,
                    rnd.nextDouble() * 1000, 20 + rnd.nextDouble() * 19_980, p);
            assertThat(r.basicTransmissionLossDb()).isFinite();
        }
    }
}
