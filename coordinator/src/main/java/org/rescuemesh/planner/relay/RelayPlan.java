package org.rescuemesh.planner.relay;

import java.util.List;

/**
 * The proposed relays in placement order and the figures before any of them.
 *
 * @param sampledAreaM2          area of the union of the search areas as sampled
 * @param sampleCells            number of sample cells
 * @param coveredFractionBefore  covered fraction 0..1 by nodes reaching the command post
 * @param componentsBefore       connected components among the current nodes (1 = all reach
 *                               the command post)
 * @param cutOffBefore           node ids not reaching the command post before
 * @param proposals              relays in placement order
 * @param cutOffAfter            node ids still not reaching it after all proposals (no chain
 *                               within k relays over the candidate sites)
 */
public record RelayPlan(double sampledAreaM2, int sampleCells, double coveredFractionBefore, int componentsBefore,
                        List<String> cutOffBefore, List<RelayProposal> proposals, List<String> cutOffAfter) {

    public RelayPlan {
        cutOffBefore = List.copyOf(cutOffBefore);
        proposals = List.copyOf(proposals);
        cutOffAfter = List.copyOf(cutOffAfter);
    }

    /** Covered fraction after all proposals (the before figure when there are none). */
    public double coveredFractionAfter() {
        return proposals.isEmpty() ? coveredFractionBefore : proposals.get(proposals.size() - 1).coveredFractionAfter();
    }

    public int componentsAfter() {
        return proposals.isEmpty() ? componentsBefore : proposals.get(proposals.size() - 1).componentsAfter();
    }
}
