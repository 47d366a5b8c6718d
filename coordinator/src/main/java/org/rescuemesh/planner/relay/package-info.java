/**
 * Relay placement.
 *
 * <p>{@link org.rescuemesh.planner.relay.RelayPlanner} proposes up to k relay sites among
 * candidate sites ({@link org.rescuemesh.planner.relay.CandidateSites} generates them from
 * terrain peaks and ridges or a visibility index; operators add their own): first chains that
 * reconnect cut-off nodes to the command post, then relays that add the most covered search
 * area. Radio predictions come through two seams: {@link org.rescuemesh.planner.relay.LinkPredictor}
 * (point to point, both directions) and {@link org.rescuemesh.planner.relay.CellCoverage}
 * (which search-area cells a site serves; {@link org.rescuemesh.planner.relay.PointwiseCellCoverage}
 * builds it on a LinkPredictor). Long runs report progress and honour a
 * {@link org.rescuemesh.planner.relay.Cancellation}.
 */
package org.rescuemesh.planner.relay;
