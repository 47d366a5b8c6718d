package org.rescuemesh.planner.routes;

/**
 * Best and backup route between a node and the command post.
 *
 * @param best        the route to use, null when the two are not connected at all
 * @param backup      the fallback route, null when none exists ({@code disjointness} NONE)
 * @param disjointness how independent the backup is
 */
public record RoutePair(String fromId, String toId, Route best, Route backup, Disjointness disjointness) {

    public boolean reachable() {
        return best != null;
    }
}
