package org.rescuemesh.planner.relay;

/** The steps of relay planning, in order, as reported to a {@link ProgressListener}. */
public enum PlanPhase {
    /** Predicting links between nodes and candidate sites. */
    LINKS,
    /** Predicting which search-area cells each node and candidate covers. */
    CELL_COVERAGE,
    /** Choosing relay chains that reconnect partitions to the command post. */
    CONNECTIVITY_REPAIR,
    /** Greedy choice of relays that add the most covered area. */
    MAX_COVERAGE
}
