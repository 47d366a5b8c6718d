package org.rescuemesh.planner.coverage;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.rescuemesh.proto.v1.CoverageSummary;

/** Maps coverage reports to the {@code rescuemesh.v1.CoverageSummary} contract (percent, WKT). */
public final class CoverageMessages {

    private CoverageMessages() {
    }

    public static CoverageSummary summary(CoverageReport report, Instant computedAt) {
        CoverageSummary.Builder summary = CoverageSummary.newBuilder()
                .setSearchAreaId(report.searchAreaId())
                .setRadioProfile(report.radioProfile())
                .setCoveredPct(100.0 * report.coveredFraction())
                .setAreaM2(report.areaM2())
                .setComputedAt(Timestamp.newBuilder().setSeconds(computedAt.getEpochSecond()).setNanos(computedAt.getNano()));
        for (CoverageGap gap : report.gaps()) {
            summary.addGaps(org.rescuemesh.proto.v1.CoverageGap.newBuilder()
                    .setPolygonWkt(gap.wkt())
                    .setAreaM2(gap.areaM2()));
        }
        return summary.build();
    }
}
