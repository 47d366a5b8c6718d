package org.rescuemesh.planner.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class SearchAreaSamplerTest {

    @Test
    void sampledAreaMatchesTheUnionOfOverlappingAreas() {
        SearchArea a = SearchArea.fromWkt("a", "", "POLYGON((124 11, 124.1 11, 124.1 11.1, 124 11.1, 124 11))");
        // Overlaps the eastern half of a.
        SearchArea b = SearchArea.fromWkt("b", "", "POLYGON((124.05 11, 124.15 11, 124.15 11.1, 124.05 11.1, 124.05 11))");

        SampleCells cells = SearchAreaSampler.sample(List.of(a, b), 200);

        double union = a.areaM2() * 1.5;
        assertThat(cells.totalAreaM2()).isCloseTo(union, Percentage.withPercentage(2));
        assertThat(cells.size()).isGreaterThan(100);
        for (int i = 0; i < cells.size(); i++) {
            assertThat(cells.lon(i)).isBetween(124.0, 124.15);
            assertThat(cells.lat(i)).isBetween(11.0, 11.1);
        }
    }

    @Test
    void refusesSpacingThatWouldExplode() {
        SearchArea a = SearchArea.fromWkt("a", "", "POLYGON((124 11, 125 11, 125 12, 124 12, 124 11))");
        assertThatThrownBy(() -> SearchAreaSampler.sample(List.of(a), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coarser spacing");
        SearchArea tiny = SearchArea.fromWkt("t", "", "POLYGON((124 11, 124.0001 11, 124.0001 11.0001, 124 11.0001, 124 11))");
        assertThatThrownBy(() -> SearchAreaSampler.sample(List.of(tiny), 500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finer spacing");
        assertThatThrownBy(() -> SearchAreaSampler.sample(List.of(a), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spacing");
    }
}
