package org.rescuemesh.planner.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class SearchAreaCoverageTest {

    private static final double WEST = 124.0;
    private static final double NORTH = 11.1;
    private static final double CELL = 0.01;

    /** 10×10 geographic cells of 0.01°; cells for which covered(col,row) get +5 dB, others −5 dB. */
    private static MarginGrid grid(java.util.function.BiPredicate<Integer, Integer> covered) {
        RasterGrid grid = RasterGrid.geographic(10, 10, WEST, NORTH, CELL, CELL);
        float[] margins = new float[100];
        for (int row = 0; row < 10; row++) {
            for (int col = 0; col < 10; col++) {
                margins[row * 10 + col] = covered.test(col, row) ? 5f : -5f;
            }
        }
        return MarginGrid.of(grid, "uhf-handheld", margins);
    }

    private static SearchArea box(double west, double south, double east, double north) {
        return SearchArea.fromWkt("sa", "box", String.format(java.util.Locale.ROOT,
                "POLYGON((%s %s, %s %s, %s %s, %s %s, %s %s))",
                west, south, east, south, east, north, west, north, west, south));
    }

    @Test
    void leftHalfCoveredGivesHalfTheAreaOverTheWholeGrid() {
        MarginGrid raster = grid((col, row) -> col < 5);
        SearchArea area = box(WEST, NORTH - 0.1, WEST + 0.1, NORTH);

        CoverageReport report = SearchAreaCoverage.assess(area, raster);

        assertThat(report.coveredFraction()).isCloseTo(0.5, within(1e-6));
        // Geodesic edges between the union's extra vertices along the parallels bulge a little
        // differently than the box's two long edges: tens of m² in 60 km².
        assertThat(report.coveredAreaM2()).isCloseTo(EllipsoidArea.ofBox(WEST, NORTH - 0.1, WEST + 0.05, NORTH),
                org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(report.gaps()).hasSize(1);
        assertThat(report.gaps().get(0).areaM2()).isCloseTo(report.areaM2() - report.coveredAreaM2(),
                org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(report.radioProfile()).isEqualTo("uhf-handheld");
    }

    @Test
    void cellsCutByThePolygonCountWithTheirInsidePartOnly() {
        // Covered: columns 0..4 (lon 124.00..124.05). The area spans lon 124.025..124.075, so
        // exactly half of it (124.025..124.05) is covered although it cuts cells in halves.
        MarginGrid raster = grid((col, row) -> col < 5);
        SearchArea area = box(124.025, 11.02, 124.075, 11.08);

        CoverageReport report = SearchAreaCoverage.assess(area, raster);

        assertThat(report.coveredFraction()).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void uncoveredBlockIsOneGapWithTheBlocksArea() {
        // Everything covered except columns 3..5 of rows 2..3: a 0.03° × 0.02° block.
        MarginGrid raster = grid((col, row) -> !(col >= 3 && col <= 5 && row >= 2 && row <= 3));
        SearchArea area = box(WEST, NORTH - 0.1, WEST + 0.1, NORTH);

        CoverageReport report = SearchAreaCoverage.assess(area, raster);

        assertThat(report.gaps()).hasSize(1);
        CoverageGap gap = report.gaps().get(0);
        double blockWest = WEST + 3 * CELL;
        double blockNorth = NORTH - 2 * CELL;
        double expected = EllipsoidArea.ofBox(blockWest, blockNorth - 2 * CELL, blockWest + 3 * CELL, blockNorth);
        assertThat(gap.areaM2()).isCloseTo(expected, within(0.5));
        // And independently: ≈ 3.28 km × 2.21 km on the sphere.
        double r = 6_371_007.2;
        double spherical = r * r * Math.toRadians(0.03)
                * (Math.sin(Math.toRadians(blockNorth)) - Math.sin(Math.toRadians(blockNorth - 0.02)));
        assertThat(gap.areaM2()).isCloseTo(spherical, org.assertj.core.data.Percentage.withPercentage(0.5));
        assertThat(gap.polygon().getEnvelopeInternal().getMinX()).isCloseTo(blockWest, within(1e-9));
        assertThat(gap.polygon().getEnvelopeInternal().getMaxY()).isCloseTo(blockNorth, within(1e-9));
        assertThat(report.coveredFraction()).isCloseTo(1 - 6.0 / 100, within(0.002));
    }

    @Test
    void coveredIslandLeavesAGapWithAHole() throws Exception {
        MarginGrid raster = grid((col, row) -> col >= 4 && col <= 5 && row >= 4 && row <= 5);
        SearchArea area = box(WEST, NORTH - 0.1, WEST + 0.1, NORTH);

        CoverageReport report = SearchAreaCoverage.assess(area, raster);

        assertThat(report.gaps()).hasSize(1);
        Polygon gap = report.gaps().get(0).polygon();
        assertThat(gap.getNumInteriorRing()).isEqualTo(1);
        Polygon hole = (Polygon) new WKTReader().read(
                "POLYGON((124.04 11.04, 124.06 11.04, 124.06 11.06, 124.04 11.06, 124.04 11.04))");
        assertThat(gap.getInteriorRingN(0).getEnvelopeInternal()).isEqualTo(hole.getEnvelopeInternal());
        assertThat(report.coveredFraction()).isCloseTo(0.04, within(0.001));
    }

    @Test
    void partOfTheAreaOutsideTheRasterIsAGap() {
        MarginGrid raster = grid((col, row) -> true);
        // Extends 0.1° east of the raster, which ends at lon 124.1.
        SearchArea area = box(WEST, NORTH - 0.1, WEST + 0.2, NORTH);

        CoverageReport report = SearchAreaCoverage.assess(area, raster);

        assertThat(report.coveredFraction()).isCloseTo(0.5, within(1e-6));
        assertThat(report.gaps()).hasSize(1);
        assertThat(report.gaps().get(0).polygon().getEnvelopeInternal().getMinX()).isCloseTo(124.1, within(1e-9));
    }

    @Test
    void notPredictedCellsCountAsUncovered() {
        RasterGrid geometry = RasterGrid.geographic(2, 1, WEST, NORTH, CELL, CELL);
        MarginGrid raster = MarginGrid.of(geometry, "lora", new float[] {Float.NaN, 0f});
        SearchArea area = box(WEST, NORTH - CELL, WEST + 2 * CELL, NORTH);

        // 0 dB exactly is covered; NaN is not.
        assertThat(SearchAreaCoverage.assess(area, raster).coveredFraction()).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void minimumGapAreaDropsSliversButTheyStayUncovered() {
        // Two gaps: one cell (≈1.2 km²) and a 2×2 block (≈4.8 km²).
        MarginGrid raster = grid((col, row) -> !((col == 1 && row == 1) || (col >= 6 && col <= 7 && row >= 6 && row <= 7)));
        SearchArea area = box(WEST, NORTH - 0.1, WEST + 0.1, NORTH);

        CoverageReport all = SearchAreaCoverage.assess(area, raster);
        CoverageReport big = SearchAreaCoverage.assess(area, raster, 2_000_000);

        assertThat(all.gaps()).hasSize(2);
        assertThat(all.gaps().get(0).areaM2()).isGreaterThan(all.gaps().get(1).areaM2());
        assertThat(big.gaps()).hasSize(1);
        assertThat(big.coveredFraction()).isEqualTo(all.coveredFraction());
    }

    @Test
    void projectedGridIsMappedThroughItsCrs() {
        // A 100 m grid in a local metric CRS (x east, y north from an origin) mapped to lon/lat
        // with a local equirectangular conversion, like a UTM grid through its SIS transform.
        double lat0 = 11.0;
        double lon0 = 124.0;
        double mPerDegLat = 110_574.0;
        double mPerDegLon = 111_320.0 * Math.cos(Math.toRadians(lat0));
        GridCrs local = (x, y, lonLat) -> {
            lonLat[0] = lon0 + x / mPerDegLon;
            lonLat[1] = lat0 + y / mPerDegLat;
        };
        RasterGrid geometry = new RasterGrid(20, 20, 0, 100, 0, 2000, 0, -100, local);
        float[] margins = new float[400];
        for (int row = 0; row < 20; row++) {
            for (int col = 0; col < 20; col++) {
                margins[row * 20 + col] = row < 5 ? 3f : -3f; // the northern quarter is covered
            }
        }
        MarginGrid raster = MarginGrid.of(geometry, "wifi", margins);
        SearchArea area = box(lon0, lat0, lon0 + 2000 / mPerDegLon, lat0 + 2000 / mPerDegLat);

        CoverageReport report = SearchAreaCoverage.assess(area, raster);

        assertThat(report.coveredFraction()).isCloseTo(0.25, within(1e-3));
        assertThat(report.areaM2()).isCloseTo(4_000_000, org.assertj.core.data.Percentage.withPercentage(0.5));
    }

    @Test
    void smallAreaOnALargeRasterReadsOnlyNearbyCells() {
        // 4000 × 4000 cells of 0.001°; covered west of column 2000 (lon 124.0 + 2.0°).
        RasterGrid geometry = RasterGrid.geographic(4000, 4000, 124.0, 12.0, 0.001, 0.001);
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        CoverageRaster computed = new CoverageRaster() {
            @Override
            public RasterGrid grid() {
                return geometry;
            }

            @Override
            public String radioProfile() {
                return "vhf";
            }

            @Override
            public double marginDb(int col, int row) {
                reads.incrementAndGet();
                return col < 2000 ? 1 : -1;
            }
        };
        SearchArea area = box(125.99, 10.5, 126.01, 10.52);

        CoverageReport report = SearchAreaCoverage.assess(area, computed);

        assertThat(report.coveredFraction()).isCloseTo(0.5, within(1e-6));
        assertThat(reads.get()).isLessThan(16_000_000L / 100);
    }

    @Test
    void geoJsonListsTheGapsWithTheirArea() throws Exception {
        MarginGrid raster = grid((col, row) -> col < 5);
        CoverageReport report = SearchAreaCoverage.assess(box(WEST, NORTH - 0.1, WEST + 0.1, NORTH), raster);

        JsonNode json = new ObjectMapper().readTree(CoverageGeoJson.featureCollection(report));

        assertThat(json.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(json.get("coveredPct").asDouble()).isCloseTo(50.0, within(1e-4));
        JsonNode feature = json.get("features").get(0);
        assertThat(feature.get("geometry").get("type").asText()).isEqualTo("Polygon");
        assertThat(feature.get("properties").get("areaM2").asDouble()).isEqualTo(report.gaps().get(0).areaM2());
        assertThat(report.gaps().get(0).wkt()).startsWith("POLYGON ((");
    }

    @Test
    void marginGridRefusesWrongSizes() {
        RasterGrid geometry = RasterGrid.geographic(3, 3, WEST, NORTH, CELL, CELL);
        assertThatThrownBy(() -> MarginGrid.of(geometry, "x", new float[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 9 margins");
        assertThatThrownBy(() -> RasterGrid.geographic(0, 3, WEST, NORTH, CELL, CELL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
    }
}
