package org.rescuemesh.agent.mesh;

/**
 * Link quality measured by probing one peer.
 *
 * @param rttMs           smoothed round-trip time (EWMA), ms; NaN when unknown
 * @param rttVarMs        round-trip time deviation (EWMA), ms; NaN when unknown
 * @param loss            fraction of probes without an answer, 0..1
 * @param deliveryForward fraction of our frames the peer received, 0..1
 * @param deliveryReverse fraction of the peer's frames we received, 0..1
 * @param etx             expected transmission count 1/(df·dr); +Inf when a direction is dead
 * @param lastHeardMs     wall-clock millis when the peer was last heard directly; 0 when never
 */
public record LinkMetrics(double rttMs, double rttVarMs, double loss, double deliveryForward,
                          double deliveryReverse, double etx, long lastHeardMs) {

    public static final LinkMetrics UNKNOWN =
            new LinkMetrics(Double.NaN, Double.NaN, 0, 0, 0, Double.POSITIVE_INFINITY, 0);
}
