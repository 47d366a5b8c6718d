package org.rescuemesh.coordinator.picture;

import java.util.List;

/** Names of the picture's IMaps (also the map column of the member databases). */
public final class PictureMaps {

    /** node id → {@link VersionedValue}(observation time, track head, NodeState). */
    public static final String NODES = "rescuemesh.nodes";
    /** {@code slot@nodeId} → {@link VersionedValue}(track sequence, 0, GeoPosition); a ring of N slots per node. */
    public static final String TRACKS = "rescuemesh.tracks";
    /** search area id → {@link VersionedValue}(write time, 0, JSON document). */
    public static final String SEARCH_AREAS = "rescuemesh.search-areas";
    /** plan id → {@link VersionedValue}(write time, 0, JSON document). */
    public static final String PLANS = "rescuemesh.plans";

    public static final List<String> ALL = List.of(NODES, TRACKS, SEARCH_AREAS, PLANS);

    private PictureMaps() {
    }

    /**
     * Key of a track slot. (Not co-located with the node through Hazelcast's string partitioning
     * strategy: in Hazelcast 5.3 a key written with setAsync under that strategy was not found by
     * get.)
     */
    static String trackKey(String nodeId, long slot) {
        return slot + "@" + nodeId;
    }
}
