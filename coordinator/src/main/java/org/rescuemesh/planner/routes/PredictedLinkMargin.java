package org.rescuemesh.planner.routes;

/**
 * A predicted link between two nodes: the weaker direction's margin in dB (received power
 * minus sensitivity), e.g. {@code PredictedLink.worstMarginDb()} from the relay planner's
 * {@code LinkPredictor}.
 */
public record PredictedLinkMargin(String nodeA, String nodeB, double marginDb) {

    public PredictedLinkMargin {
        if (nodeA == null || nodeA.isBlank() || nodeB == null || nodeB.isBlank()) {
            throw new IllegalArgumentException("predicted link needs two node ids");
        }
        if (nodeA.equals(nodeB)) {
            throw new IllegalArgumentException("predicted link from " + nodeA + " to itself");
        }
        if (Double.isInfinite(marginDb)) {
            throw new IllegalArgumentException("predicted margin of " + nodeA + "–" + nodeB + " must be finite or NaN");
        }
    }
}
