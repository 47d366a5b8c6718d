package org.rescuemesh.planner.relay;

import java.util.List;
import java.util.Locale;

/**
 * One relay to carry, in placement order, with the figures once it (and all before it) is up.
 *
 * @param rank                  1-based placement order
 * @param candidate             where
 * @param relay                 the relay's radio site (candidate position, mast height, profile)
 * @param reason                why
 * @param targetNodeIds         for RECONNECT: the cut-off nodes the chain is built for; for LINK:
 *                              the candidate id of the coverage relay it makes reachable
 * @param reconnectedNodeIds    nodes that reach the command post once this relay is up and did
 *                              not before
 * @param linkedToIds           nodes/relays already connected to the command post that this
 *                              relay links to when placed
 * @param addedCoveredAreaM2    search area newly covered (including by reconnected nodes)
 * @param coveredFractionAfter  covered fraction 0..1 of all search areas afterwards
 * @param componentsAfter       connected components among nodes and placed relays afterwards
 *                              (1 = everyone reaches the command post)
 */
public record RelayProposal(int rank, CandidateSite candidate, Site relay, ProposalReason reason,
                            List<String> targetNodeIds, List<String> reconnectedNodeIds, List<String> linkedToIds,
                            double addedCoveredAreaM2, double coveredFractionAfter, int componentsAfter) {

    public RelayProposal {
        targetNodeIds = List.copyOf(targetNodeIds);
        reconnectedNodeIds = List.copyOf(reconnectedNodeIds);
        linkedToIds = List.copyOf(linkedToIds);
    }

    /** A human-readable reason, e.g. "reconnects team-b-1, team-b-2" or "adds 3.2 km² coverage". */
    public String reasonText() {
        if (reason == ProposalReason.RECONNECT) {
            return reconnectedNodeIds.isEmpty()
                    ? "chain towards " + String.join(", ", targetNodeIds)
                    : "reconnects " + String.join(", ", reconnectedNodeIds);
        }
        if (reason == ProposalReason.LINK) {
            return String.format(Locale.ROOT, "links %s to the mesh (adds %.2f km² itself)",
                    String.join(", ", targetNodeIds), addedCoveredAreaM2 / 1e6);
        }
        return String.format(Locale.ROOT, "adds %.2f km² coverage", addedCoveredAreaM2 / 1e6);
    }
}
