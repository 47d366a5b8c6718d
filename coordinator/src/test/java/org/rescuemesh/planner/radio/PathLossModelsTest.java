package org.rescuemesh.planner.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Free space, two-ray and knife-edge models against closed-form values. */
class PathLossModelsTest {
    private static final double C = 299_792_458.0;

    private static TerrainProfile flat(double lengthM, int intervals, double elevation) {
        double[] z = new double[intervals + 1];
        java.util.Arrays.fill(z, elevation);
        return TerrainProfile.of(lengthM / intervals, z);
    }

    @Test
    void freeSpaceFollowsTheFriisFormula() {
        FreeSpacePathLoss fspl = new FreeSpacePathLoss();
        assertThat(fspl.basicLossDb(flat(1000, 10, 0), 10, 10, 1000)).isCloseTo(92.45, within(1e-9));
        // every decade of distance or frequency adds 20 dB
        assertThat(fspl.basicLossDb(flat(10_000, 10, 0), 10, 10, 1000)).isCloseTo(112.45, within(1e-9));
        assertThat(fspl.basicLossDb(flat(1000, 10, 0), 10, 10, 100)).isCloseTo(72.45, within(1e-9));
        assertThat(fspl.name()).isEqualTo("fspl");
    }

    @Test
    void twoRayTendsToTheFourthPowerLawFarBeyondTheBreakpoint() {
        TwoRayPathLoss twoRay = new TwoRayPathLoss();
        double d = 20_000;
        double h1 = 10;
        double h2 = 10;
        double expected = 40 * Math.log10(d) - 20 * Math.log10(h1 * h2);
        assertThat(twoRay.basicLossDb(flat(d, 100, 50), h1, h2, 150)).isCloseTo(expected, within(0.01));
    }

    @Test
    void twoRayAddsInPhaseAtHalfWavelengthPathDifferenceAndCancelsAtOneWavelength() {
        double d = 500;
        double h1 = 30;
        double h2 = 5;
        double r1 = Math.hypot(d, h1 - h2);
        double r2 = Math.hypot(d, h1 + h2);
        double delta = r2 - r1;
        TwoRayPathLoss twoRay = new TwoRayPathLoss();
        // Γ = -1 adds a half-wave: rays add when the path difference is λ/2
        double fPeak = C / (2 * delta) / 1e6;
        assertThat(twoRay.lossDb(d, h1, h2, fPeak))
                .isCloseTo(FreeSpacePathLoss.lossDb(r1, fPeak) - 20 * Math.log10(1 + r1 / r2), within(1e-6));
        double fNull = C / delta / 1e6;
        assertThat(twoRay.lossDb(d, h1, h2, fNull))
                .isCloseTo(FreeSpacePathLoss.lossDb(r1, fNull) - 20 * Math.log10(1 - r1 / r2), within(1e-6));
        assertThat(twoRay.lossDb(d, h1, h2, fNull)).isGreaterThan(FreeSpacePathLoss.lossDb(r1, fNull) + 20);
    }

    @Test
    void knifeEdgeLossMatchesP526AtReferencePoints() {
        // J(0) ≈ 6.0 dB (edge grazing the line of sight), J(ν) = 0 at and below -0.78
        assertThat(KnifeEdgePathLoss.knifeEdgeLossDb(0)).isCloseTo(6.03, within(0.01));
        assertThat(KnifeEdgePathLoss.knifeEdgeLossDb(-0.78)).isZero();
        assertThat(KnifeEdgePathLoss.knifeEdgeLossDb(-0.779)).isCloseTo(0.0, within(0.02));
        assertThat(KnifeEdgePathLoss.knifeEdgeLossDb(-0.7)).isBetween(0.0, 1.0);
        // large ν: J → 6.9 + 20 log10(2(ν - 0.1)), about 13 + 20 log10 ν
        assertThat(KnifeEdgePathLoss.knifeEdgeLossDb(100)).isCloseTo(6.9 + 20 * Math.log10(2 * 99.9), within(0.001));
        assertThat(KnifeEdgePathLoss.knifeEdgeLossDb(10)).isCloseTo(13 + 20 * Math.log10(10), within(0.2));
    }

    @Test
    void singleEdgeOnFlatEarthGivesJOfItsFresnelParameter() {
        // antennas high enough that the flat ground stays outside the Fresnel zones (ν < -0.78)
        double f = 900;
        double lambda = C / (f * 1e6);
        int n = 100;
        double spacing = 100;
        double[] z = new double[n + 1];
        int edge = 40;
        double d1 = edge * spacing;
        double d2 = (n - edge) * spacing;
        double h = 60;
        double los = h; // both antennas 60 m over flat ground at 0: line of sight at 60 m
        double nuTarget = 1.0;
        z[edge] = los + nuTarget / Math.sqrt(2 / lambda * (1 / d1 + 1 / d2));
        KnifeEdgePathLoss model = new KnifeEdgePathLoss(Double.POSITIVE_INFINITY);
        TerrainProfile p = TerrainProfile.of(spacing, z);
        double diffraction = model.diffractionLossDb(p, h, h, f);
        double expected = 6.9 + 20 * Math.log10(Math.sqrt(0.81 + 1) + 0.9);
        assertThat(diffraction).isCloseTo(expected, within(1e-9));
        assertThat(diffraction).isCloseTo(13.93, within(0.01));
        assertThat(model.basicLossDb(p, h, h, f)).isCloseTo(FreeSpacePathLoss.lossDb(n * spacing, f) + expected, within(1e-9));
    }

    @Test
    void clearPathHasNoDiffractionLossButTheEarthBulgeObstructsLongLowPaths() {
        TerrainProfile plain = flat(50_000, 500, 0);
        // 60 m masts: mid-path ν = -60·sqrt(2/λ·(2/25 km)) ≈ -0.93 on a flat earth
        assertThat(new KnifeEdgePathLoss(Double.POSITIVE_INFINITY).diffractionLossDb(plain, 60, 60, 450)).isZero();
        // the 4/3-earth bulge at mid-path, 25e3^2 / (2 * 8495 km) ≈ 37 m, pushes the ground into the first Fresnel zone
        assertThat(new KnifeEdgePathLoss().diffractionLossDb(plain, 60, 60, 450)).isGreaterThan(2);
        // and a low path (10 m masts) ends up well beyond the horizon
        assertThat(new KnifeEdgePathLoss().diffractionLossDb(plain, 10, 10, 450)).isGreaterThan(20);
    }

    @Test
    void deygoutAddsTheSecondaryEdgesAndIsReciprocal() {
        double f = 900;
        double spacing = 50;
        double[] z = new double[201];
        z[60] = 40;
        z[140] = 30;
        TerrainProfile forward = TerrainProfile.of(spacing, z);
        double[] rev = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            rev[i] = z[z.length - 1 - i];
        }
        TerrainProfile backward = TerrainProfile.of(spacing, rev);
        KnifeEdgePathLoss model = new KnifeEdgePathLoss(Double.POSITIVE_INFINITY);
        double both = model.diffractionLossDb(forward, 5, 8, f);
        double[] single = z.clone();
        single[140] = 0;
        double principalOnly = model.diffractionLossDb(TerrainProfile.of(spacing, single), 5, 8, f);
        assertThat(both).isGreaterThan(principalOnly + 3);
        assertThat(model.diffractionLossDb(backward, 8, 5, f)).isCloseTo(both, within(1e-9));
    }

    @Test
    void modelsRejectInputsOutsideTheirRange() {
        TerrainProfile p = flat(1000, 10, 0);
        for (PathLossModel m : new PathLossModel[] {new FreeSpacePathLoss(), new TwoRayPathLoss(), new KnifeEdgePathLoss(),
                new ItmPathLoss(ItmParameters.defaults())}) {
            assertThatThrownBy(() -> m.basicLossDb(p, 10, 10, 10)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("frequency");
            assertThatThrownBy(() -> m.basicLossDb(p, 10, 10, 25_000)).hasMessageContaining("frequency");
            assertThatThrownBy(() -> m.basicLossDb(p, 0.2, 10, 450)).hasMessageContaining("tx antenna height");
            assertThatThrownBy(() -> m.basicLossDb(p, 10, 3500, 450)).hasMessageContaining("rx antenna height");
            assertThatThrownBy(() -> m.basicLossDb(null, 10, 10, 450)).hasMessageContaining("profile");
        }
        assertThatThrownBy(() -> new TwoRayPathLoss(1.5)).hasMessageContaining("reflection coefficient");
    }
}
