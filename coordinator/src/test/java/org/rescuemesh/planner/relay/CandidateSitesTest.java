package org.rescuemesh.planner.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateSitesTest {

    private static final GeoPoint CENTRE = new GeoPoint(10.0, 124.0);

    @Test
    void singleHillGivesItsSummitAsTheTopPeak() {
        GeoPoint summit = new GeoPoint(10.03, 124.02);
        HeightFunction hill = (lat, lon) -> 50 + 400 * Math.exp(-sq(summit.distanceM(new GeoPoint(lat, lon)) / 3000));

        List<CandidateSite> sites = CandidateSites.peaksAndRidges(hill, CENTRE, 10_000, 200, 10, 500);

        assertThat(sites).isNotEmpty();
        assertThat(sites.get(0).origin()).isEqualTo(CandidateOrigin.PEAK);
        assertThat(sites.get(0).position().distanceM(summit)).isLessThan(200);
        assertThat(sites).filteredOn(s -> s.origin() == CandidateOrigin.PEAK).hasSize(1);
    }

    @Test
    void ridgeCrestIsFoundAlongItsLineAndCandidatesKeepTheirDistance() {
        // An east-west ridge along latitude 10.01, rising gently to the east (so no peaks).
        HeightFunction ridge = (lat, lon) -> 300 - 20_000 * Math.abs(lat - 10.01) + 500 * (lon - 124.0);

        List<CandidateSite> sites = CandidateSites.peaksAndRidges(ridge, CENTRE, 8_000, 250, 20, 1_000);

        assertThat(sites).isNotEmpty().allSatisfy(site -> {
            assertThat(site.origin()).isEqualTo(CandidateOrigin.RIDGE);
            assertThat(Math.abs(site.position().lat() - 10.01)).isLessThan(250 / 111_000.0 * 1.01);
        });
        // Highest first: the eastern end of the crest.
        assertThat(sites.get(0).position().lon()).isGreaterThan(sites.get(sites.size() - 1).position().lon());
        for (int i = 0; i < sites.size(); i++) {
            for (int j = i + 1; j < sites.size(); j++) {
                assertThat(sites.get(i).position().distanceM(sites.get(j).position())).isGreaterThanOrEqualTo(1_000);
            }
        }
    }

    @Test
    void visibilityIndexRanksCellsByScore() {
        GeoPoint best = new GeoPoint(9.98, 124.01);
        VisibilityIndex index = (lat, lon) -> -best.distanceM(new GeoPoint(lat, lon));

        List<CandidateSite> sites = CandidateSites.byVisibility(index, CENTRE, 5_000, 250, 3, 2_000);

        assertThat(sites).hasSize(3);
        assertThat(sites.get(0).origin()).isEqualTo(CandidateOrigin.VISIBILITY);
        assertThat(sites.get(0).position().distanceM(best)).isLessThan(250);
        assertThat(sites.get(1).score()).isLessThanOrEqualTo(sites.get(0).score());
    }

    @Test
    void unknownTerrainIsSkippedAndBadArgumentsRefused() {
        HeightFunction voidEverywhere = (lat, lon) -> Double.NaN;
        assertThat(CandidateSites.peaksAndRidges(voidEverywhere, CENTRE, 2_000, 100, 5, 0)).isEmpty();
        assertThatThrownBy(() -> CandidateSites.peaksAndRidges(voidEverywhere, CENTRE, -1, 100, 5, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CandidateSites.byVisibility((lat, lon) -> 1, CENTRE, 30_000, 1, 5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coarser spacing");
    }

    private static double sq(double x) {
        return x * x;
    }
}
