package org.rescuemesh.planner.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchAreaTest {

    @Test
    void selfIntersectingPolygonIsRefusedNamingTheProblem() {
        // A bow tie: the edges cross at (124.05, 11.05).
        assertThatThrownBy(() -> SearchArea.fromWkt("sa-1", "bow tie",
                "POLYGON((124.0 11.0, 124.1 11.1, 124.1 11.0, 124.0 11.1, 124.0 11.0))"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sa-1")
                .hasMessageContaining("Self-intersection")
                .hasMessageContaining("124.05");
    }

    @Test
    void otherBadInputIsRefusedWithAReason() {
        assertThatThrownBy(() -> SearchArea.fromWkt("a", "", "POLYGON((0 0, 1 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable WKT");
        assertThatThrownBy(() -> SearchArea.fromWkt("a", "", "POLYGON((124 11, 124.1 11, 124.1 11.1, 124 11.1))"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("search area a: invalid polygon")
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> SearchArea.fromWkt("a", "", "POLYGON((124 11, 124.1 11, 124 11))"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("search area a: invalid polygon");
        assertThatThrownBy(() -> SearchArea.fromWkt("a", "", "POINT(124 11)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a POLYGON, got Point");
        assertThatThrownBy(() -> SearchArea.fromWkt("a", "", "POLYGON((11 124, 11.1 124, 11.1 124.1, 11 124))"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside WGS 84");
        assertThatThrownBy(() -> SearchArea.fromWkt("a", "", "POLYGON EMPTY"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SearchArea.fromWkt(" ", "", "POLYGON((0 0, 1 0, 1 1, 0 0))"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }

    @Test
    void validPolygonKeepsItsAreaOnTheEllipsoid() {
        SearchArea area = SearchArea.fromWkt("sa", "box", "POLYGON((124 11, 124.1 11, 124.1 11.1, 124 11.1, 124 11))");
        // Spherical approximation with the authalic radius: R² Δλ (sin φ2 − sin φ1).
        double r = 6_371_007.2;
        double expected = r * r * Math.toRadians(0.1) * (Math.sin(Math.toRadians(11.1)) - Math.sin(Math.toRadians(11.0)));
        assertThat(area.areaM2()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.5));
    }
}
