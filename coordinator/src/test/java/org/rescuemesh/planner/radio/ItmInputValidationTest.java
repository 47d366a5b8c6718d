package org.rescuemesh.planner.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad input to ITM gets an IllegalArgumentException naming the problem; soft limits give warning bits. */
class ItmInputValidationTest {
    private static final TerrainProfile HILLS = TerrainProfile.of(100, 120, 135, 160, 150, 170, 190, 175, 160, 150, 140, 130,
            125, 140, 150, 165, 180, 170, 150, 140, 130, 128);

    @Test
    void hardLimitsThrow() {
        ItmPointToPoint itm = new ItmPointToPoint(ItmParameters.defaults());
        assertThatThrownBy(() -> itm.predict(HILLS, 10, 2, 19.9)).hasMessageContaining("frequency must be within 20..20000 MHz");
        assertThatThrownBy(() -> itm.predict(HILLS, 10, 2, 20_001)).hasMessageContaining("frequency");
        assertThatThrownBy(() -> itm.predict(HILLS, 0.4, 2, 450)).hasMessageContaining("tx antenna height");
        assertThatThrownBy(() -> itm.predict(HILLS, 10, 3001, 450)).hasMessageContaining("rx antenna height");
        assertThatThrownBy(() -> itm.predict(HILLS, 10, -2, 450)).hasMessageContaining("rx antenna height");
        assertThatThrownBy(() -> itm.predict(HILLS, Double.NaN, 2, 450)).hasMessageContaining("tx antenna height");
        assertThatThrownBy(() -> itm.predict(100, new double[] {1, 2, 3}, 5, 10, 2, 450)).hasMessageContaining("points");
        assertThatThrownBy(() -> itm.predict(0, new double[] {1, 2, 3}, 3, 10, 2, 450)).hasMessageContaining("spacing");
        double[] withVoid = {100, 101, Double.NaN, 103, 104, 105};
        assertThatThrownBy(() -> itm.predict(30, withVoid, 6, 10, 2, 450)).hasMessageContaining("terrain elevation 2");
        double[] withInfinity = {100, 101, 102, 103, 104, Double.NEGATIVE_INFINITY};
        assertThatThrownBy(() -> itm.predict(30, withInfinity, 6, 10, 2, 450)).hasMessageContaining("terrain elevation 5");
        assertThatThrownBy(() -> ItmArea.predict(10, 2, SiteCriteria.RANDOM, SiteCriteria.RANDOM, 0, 10, 450,
                ItmParameters.defaults())).hasMessageContaining("distance");
        assertThatThrownBy(() -> ItmArea.predict(10, 2, SiteCriteria.RANDOM, SiteCriteria.RANDOM, 10, -1, 450,
                ItmParameters.defaults())).hasMessageContaining("delta_h");
    }

    @Test
    void geometryTheAlgorithmCannotEvaluateIsReportedNotReturnedAsNaN() {
        // kilometre-high walls 8.6 m apart: the smooth-earth diffraction term has no real value
        double[] z = {2161.08, 2759.67, 2832.98, 1989.06, 966.35, 2891.51};
        ItmParameters p = new ItmParameters(Climate.CONTINENTAL_SUBTROPICAL, 289.13, 51.99, 1.4356, Polarization.VERTICAL,
                1, 15.88, 55.84, 62.79);
        assertThatThrownBy(() -> new ItmPointToPoint(p).predict(TerrainProfile.of(8.5687, z), 589.14, 18.66, 2539.85))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ITM cannot evaluate this path");
    }

    @Test
    void parametersAndProfilesAreChecked() {
        assertThatThrownBy(() -> Climate.ofCode(8)).hasMessageContaining("climate must be 1..7");
        assertThatThrownBy(() -> Polarization.ofCode(2)).hasMessageContaining("polarization");
        assertThatThrownBy(() -> Polarization.parse("circular")).hasMessageContaining("circular");
        assertThatThrownBy(() -> SiteCriteria.ofCode(3)).hasMessageContaining("siting");
        ItmParameters d = ItmParameters.defaults();
        assertThatThrownBy(() -> new ItmParameters(d.climate(), 200, 15, 0.005, d.polarization(), 1, 50, 50, 50))
                .hasMessageContaining("N_0");
        assertThatThrownBy(() -> new ItmParameters(d.climate(), 301, 0.5, 0.005, d.polarization(), 1, 50, 50, 50))
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> new ItmParameters(d.climate(), 301, 15, 0, d.polarization(), 1, 50, 50, 50))
                .hasMessageContaining("sigma");
        assertThatThrownBy(() -> new ItmParameters(d.climate(), 301, 15, 0.005, d.polarization(), 4, 50, 50, 50))
                .hasMessageContaining("mdvar");
        assertThatThrownBy(() -> d.withPercentages(0, 50, 50)).hasMessageContaining("time percentage");
        assertThatThrownBy(() -> d.withPercentages(50, 100, 50)).hasMessageContaining("location percentage");
        assertThatThrownBy(() -> d.withPercentages(50, 50, Double.NaN)).hasMessageContaining("situation percentage");
        assertThatThrownBy(() -> TerrainProfile.of(30, 1.0)).hasMessageContaining("at least 2 points");
        assertThatThrownBy(() -> TerrainProfile.of(30, 1.0, Double.NaN)).hasMessageContaining("elevation 1");
        assertThatThrownBy(() -> TerrainProfile.fromPfl(new double[] {3, 30, 1, 2, 3})).hasMessageContaining("declares 3 intervals");
        assertThatThrownBy(() -> TerrainProfile.fromPfl(new double[] {2.5, 30, 1, 2, 3})).hasMessageContaining("integer");
    }

    @Test
    void softLimitsRaiseWarningBits() {
        ItmPointToPoint itm = new ItmPointToPoint(ItmParameters.defaults());
        assertThat(itm.predict(HILLS, 0.7, 2, 450).warnings() & ItmWarnings.TX_TERMINAL_HEIGHT).isNotZero();
        assertThat(itm.predict(HILLS, 10, 1500, 450).warnings() & ItmWarnings.RX_TERMINAL_HEIGHT).isNotZero();
        assertThat(itm.predict(HILLS, 10, 2, 30).warnings() & ItmWarnings.FREQUENCY).isNotZero();
        ItmResult shortPath = itm.predict(TerrainProfile.of(50, 100, 101, 102, 103, 104), 10, 2, 450);
        assertThat(shortPath.warnings() & ItmWarnings.PATH_DISTANCE_TOO_SMALL_2).isNotZero();
        assertThat(ItmWarnings.describe(shortPath.warnings())).contains("path distance < 1 km");
        ItmParameters extreme = ItmParameters.defaults().withPercentages(99.95, 50, 50);
        assertThat(new ItmPointToPoint(extreme).predict(HILLS, 10, 2, 450).warnings() & ItmWarnings.EXTREME_VARIABILITIES)
                .isNotZero();
    }

    @Test
    void oneInstanceGivesTheSameResultsAsFreshOnesAcrossProfiles() {
        ItmPointToPoint reused = new ItmPointToPoint(ItmParameters.defaults());
        double[] longProfile = new double[801];
        for (int i = 0; i < longProfile.length; i++) {
            longProfile[i] = 300 + 80 * Math.sin(i / 37.0) + 25 * Math.cos(i / 5.3);
        }
        TerrainProfile longP = TerrainProfile.of(30, longProfile);
        for (int round = 0; round < 3; round++) {
            for (TerrainProfile p : new TerrainProfile[] {HILLS, longP}) {
                ItmResult a = reused.predict(p, 12, 1.5, 868);
                ItmResult b = new ItmPointToPoint(ItmParameters.defaults()).predict(p, 12, 1.5, 868);
                assertThat(a).isEqualTo(b);
            }
        }
        // zero-copy entry point over a prefix of a larger buffer equals the copied profile
        double[] buffer = java.util.Arrays.copyOf(longProfile, 2000);
        assertThat(reused.basicLossDb(30, buffer, 801, 12, 1.5, 868))
                .isEqualTo(reused.predict(longP, 12, 1.5, 868).basicTransmissionLossDb());
    }
}
