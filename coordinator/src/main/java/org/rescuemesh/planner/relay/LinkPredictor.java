package org.rescuemesh.planner.relay;

/**
 * Predicts the radio link between two sites. The seam to the propagation layer: the real
 * implementation runs ITM (Longley-Rice) point-to-point over the terrain profile between the
 * two positions with the given antenna heights and turns the basic transmission loss into
 * margins with each end's radio profile:
 * {@code margin(a→b) = txPower(a) + gains − losses − basicLoss(a,b) − sensitivity(b)}.
 *
 * <p>One call computes the path once and answers both directions. Implementations must be
 * thread-safe: the planner calls them from several threads.
 */
@FunctionalInterface
public interface LinkPredictor {

    /** Margins from {@code a} to {@code b} (forward) and from {@code b} to {@code a} (reverse). */
    PredictedLink predict(Site a, Site b);
}
