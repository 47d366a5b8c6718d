package org.rescuemesh.planner.routes;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Single points of failure of the mesh: cut vertices (nodes whose loss splits it) and bridges
 * (links whose loss splits it).
 */
public record SinglePointsOfFailure(Set<String> cutVertices, List<RouteLink> bridges) {

    public SinglePointsOfFailure {
        cutVertices = Collections.unmodifiableSet(new TreeSet<>(cutVertices));
        bridges = List.copyOf(bridges);
    }
}
