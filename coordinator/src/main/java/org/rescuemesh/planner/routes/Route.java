package org.rescuemesh.planner.routes;

import java.util.List;

/** A path through the mesh: node ids from first to last and the sum of link ETX. */
public record Route(List<String> hops, double totalEtx) {

    public Route {
        hops = List.copyOf(hops);
        if (hops.size() < 2) {
            throw new IllegalArgumentException("a route needs at least two hops, got " + hops);
        }
    }

    /** Nodes strictly between the ends. */
    public List<String> interior() {
        return hops.subList(1, hops.size() - 1);
    }
}
