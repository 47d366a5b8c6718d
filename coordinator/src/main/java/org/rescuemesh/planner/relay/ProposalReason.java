package org.rescuemesh.planner.relay;

/** Why a relay was proposed. */
public enum ProposalReason {
    /** Part of the shortest relay chain joining cut-off nodes to the command post. */
    RECONNECT,
    /** Adds the most newly covered search area among the candidates linked to the mesh. */
    COVERAGE,
    /**
     * Placed with the next proposal as a pair: it links that relay, which adds much more
     * coverage than any single linked candidate, to the mesh.
     */
    LINK
}
