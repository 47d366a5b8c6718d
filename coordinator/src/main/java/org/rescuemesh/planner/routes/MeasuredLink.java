package org.rescuemesh.planner.routes;

import org.rescuemesh.proto.v1.LinkReport;

/**
 * A link as measured by one of its ends: ETX = 1 / (forward delivery · reverse delivery), so
 * it already covers both directions; {@code +Infinity} when a direction never delivers (the
 * link is down).
 */
public record MeasuredLink(String reporterId, String peerId, double etx) {

    public MeasuredLink {
        if (reporterId == null || reporterId.isBlank() || peerId == null || peerId.isBlank()) {
            throw new IllegalArgumentException("measured link needs reporter and peer ids");
        }
        if (reporterId.equals(peerId)) {
            throw new IllegalArgumentException("measured link from " + reporterId + " to itself");
        }
        if (Double.isNaN(etx) || etx < 1) {
            throw new IllegalArgumentException("ETX of " + reporterId + "→" + peerId + " must be >= 1 or +Infinity, got " + etx);
        }
    }

    /**
     * From a gossip link report. When the report carries no usable ETX (unset, NaN, below 1) it
     * is derived from the delivery ratios; a direction that never delivers gives +Infinity.
     */
    public static MeasuredLink fromReport(String reporterId, LinkReport report) {
        double etx = report.getEtx();
        if (Double.isNaN(etx) || etx < 1) {
            double delivered = report.getDeliveryForward() * report.getDeliveryReverse();
            etx = delivered > 0 && delivered <= 1 ? 1 / delivered : Double.POSITIVE_INFINITY;
        }
        return new MeasuredLink(reporterId, report.getPeerId(), etx);
    }

    public boolean isDown() {
        return Double.isInfinite(etx);
    }
}
