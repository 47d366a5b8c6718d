package org.rescuemesh.planner.relay;

/**
 * Predicted link margins between two sites, one per direction: received power at the
 * receiver minus the receiver's sensitivity, in dB. Path loss is reciprocal, but the two ends
 * may have different Tx power and sensitivity, so the margins can differ. NaN when the
 * predictor could not compute the path (e.g. outside the terrain data): treated as no link.
 */
public record PredictedLink(double marginForwardDb, double marginReverseDb) {

    /** The weaker direction's margin; a two-way link is only as good as this. NaN stays NaN. */
    public double worstMarginDb() {
        if (Double.isNaN(marginForwardDb) || Double.isNaN(marginReverseDb)) {
            return Double.NaN;
        }
        return Math.min(marginForwardDb, marginReverseDb);
    }

    /** Whether both directions close with at least {@code requiredMarginDb} to spare. */
    public boolean closes(double requiredMarginDb) {
        double worst = worstMarginDb();
        return !Double.isNaN(worst) && worst >= requiredMarginDb;
    }
}
