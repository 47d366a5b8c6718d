package org.rescuemesh.planner.routes;

import java.util.ArrayList;
import java.util.List;
import org.rescuemesh.proto.v1.RelayRoute;

/** Maps route pairs to {@code rescuemesh.v1.RelayRoute} messages (best first, then backup). */
public final class RouteMessages {

    private RouteMessages() {
    }

    /** Zero messages when unreachable, one without backup, two otherwise. */
    public static List<RelayRoute> toProto(RoutePair pair) {
        List<RelayRoute> routes = new ArrayList<>(2);
        if (pair.best() != null) {
            routes.add(route(pair, pair.best(), false));
        }
        if (pair.backup() != null) {
            routes.add(route(pair, pair.backup(), true));
        }
        return routes;
    }

    private static RelayRoute route(RoutePair pair, Route route, boolean backup) {
        return RelayRoute.newBuilder()
                .setFromId(pair.fromId())
                .setToId(pair.toId())
                .addAllHops(route.hops())
                .setTotalEtx(route.totalEtx())
                .setBackup(backup)
                .build();
    }
}
