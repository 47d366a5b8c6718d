package org.rescuemesh.planner.routes;

/** How independent a backup route is from the best one. */
public enum Disjointness {
    /** Shares no node except the two ends: survives the loss of any single relay. */
    NODE_DISJOINT,
    /** Shares nodes but no link: survives the loss of any single link only. */
    EDGE_DISJOINT,
    /** No backup exists. */
    NONE
}
