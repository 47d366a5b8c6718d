package org.rescuemesh.planner.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.CoverageSummary;

class BestServerAndMessagesTest {

    private static final RasterGrid GRID = RasterGrid.geographic(2, 1, 124.0, 11.01, 0.01, 0.01);

    @Test
    void bestServerTakesTheStrongestPredictedMargin() {
        MarginGrid west = MarginGrid.of(GRID, "uhf", new float[] {3f, Float.NaN});
        MarginGrid east = MarginGrid.of(GRID, "uhf", new float[] {-8f, -2f});

        BestServer union = BestServer.of(List.of(west, east));

        assertThat(union.marginDb(0, 0)).isEqualTo(3.0);
        assertThat(union.marginDb(1, 0)).isEqualTo(-2.0);
        assertThat(BestServer.of(List.of(MarginGrid.of(GRID, "uhf", new float[] {Float.NaN, Float.NaN})))
                .marginDb(0, 0)).isNaN();
    }

    @Test
    void bestServerRefusesMixedProfilesOrGrids() {
        MarginGrid uhf = MarginGrid.of(GRID, "uhf", new float[2]);
        MarginGrid lora = MarginGrid.of(GRID, "lora", new float[2]);
        MarginGrid other = MarginGrid.of(RasterGrid.geographic(2, 1, 125.0, 11.01, 0.01, 0.01), "uhf", new float[2]);
        assertThatThrownBy(() -> BestServer.of(List.of(uhf, lora))).hasMessageContaining("radio profile");
        assertThatThrownBy(() -> BestServer.of(List.of(uhf, other))).hasMessageContaining("one grid");
        assertThatThrownBy(() -> BestServer.of(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void summaryCarriesPercentAndGapWkt() {
        MarginGrid raster = MarginGrid.of(GRID, "uhf", new float[] {1f, -1f});
        SearchArea area = SearchArea.fromWkt("sa-7", "ridge", "POLYGON((124 11, 124.02 11, 124.02 11.01, 124 11.01, 124 11))");
        CoverageReport report = SearchAreaCoverage.assess(area, raster);

        CoverageSummary summary = CoverageMessages.summary(report, Instant.ofEpochSecond(1_800_000_000L, 5));

        assertThat(summary.getSearchAreaId()).isEqualTo("sa-7");
        assertThat(summary.getRadioProfile()).isEqualTo("uhf");
        assertThat(summary.getCoveredPct()).isCloseTo(50.0, within(1e-4));
        assertThat(summary.getAreaM2()).isEqualTo(report.areaM2());
        assertThat(summary.getGapsCount()).isEqualTo(1);
        assertThat(summary.getGaps(0).getPolygonWkt()).isEqualTo(report.gaps().get(0).wkt());
        assertThat(summary.getComputedAt().getSeconds()).isEqualTo(1_800_000_000L);
    }
}
