package org.rescuemesh.planner.coverage;

import java.util.List;

/**
 * How much of one search area one radio profile covers.
 *
 * @param areaM2        area of the search area on the ellipsoid
 * @param coveredAreaM2 part of it lying in cells with margin ≥ 0 dB
 * @param gaps          uncovered parts, largest first (those below the requested minimum
 *                      area left out; their area still counts as uncovered)
 */
public record CoverageReport(String searchAreaId, String radioProfile, double areaM2, double coveredAreaM2,
                             List<CoverageGap> gaps) {

    public CoverageReport {
        gaps = List.copyOf(gaps);
    }

    /** Covered fraction 0..1. */
    public double coveredFraction() {
        return areaM2 == 0 ? 0 : Math.min(1.0, coveredAreaM2 / areaM2);
    }

    /** Total area of the listed gaps in m². */
    public double gapAreaM2() {
        return gaps.stream().mapToDouble(CoverageGap::areaM2).sum();
    }
}
