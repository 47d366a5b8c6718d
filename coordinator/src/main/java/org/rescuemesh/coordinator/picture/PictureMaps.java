package org.rescuemesh.coordinator.picture;

import java.util.List;

/** Names of the picture's IMaps (also the map column of the member databases). */
public final class PictureMaps {

    /** node id → {@link VersionedValue}(observation time, 0, NodeState); the latest observation wins. */
    public static final String NODES = "rescuemesh.nodes";
    /**
     * {@code <unique id>@<partition tag>} → {@link TrackSegment}: the track points of the nodes of
     * one partition from one write (a chunk of ingest, a member's new fix, a compaction). The map
     * partitions by the part after the {@code @}, so each segment lives with its nodes.
     */
    public static final String TRACK_SEGMENTS = "rescuemesh.track-segments";
    /** search area id → {@link VersionedValue}(write time, 0, JSON document). */
    public static final String SEARCH_AREAS = "rescuemesh.search-areas";
    /** plan id → {@link VersionedValue}(write time, 0, JSON document). */
    public static final String PLANS = "rescuemesh.plans";

    public static final List<String> ALL = List.of(NODES, TRACK_SEGMENTS, SEARCH_AREAS, PLANS);

    private PictureMaps() {
    }
}
