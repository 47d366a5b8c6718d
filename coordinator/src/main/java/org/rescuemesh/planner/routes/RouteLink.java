package org.rescuemesh.planner.routes;

/** An undirected link of the route graph with its cost and what the cost is based on. */
public record RouteLink(String nodeA, String nodeB, double etx, LinkEvidence evidence) {

    /** Whether this link joins {@code x} and {@code y} (in either order). */
    public boolean joins(String x, String y) {
        return (nodeA.equals(x) && nodeB.equals(y)) || (nodeA.equals(y) && nodeB.equals(x));
    }
}
