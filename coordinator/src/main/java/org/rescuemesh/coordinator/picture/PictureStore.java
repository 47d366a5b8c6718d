package org.rescuemesh.coordinator.picture;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;

/**
 * The live operating picture: every node (agent, coordinator, agency asset) with its latest
 * state and status, each node's recent track, search areas and plans. Implementations may block
 * in the reading methods; callers on an event loop run those on a worker.
 */
public interface PictureStore {

    /** Records what the gossip membership says about a member (state and status). Last write wins. */
    CompletionStage<Void> putMember(NodeState state);

    /**
     * Records asset observations (any number per asset, any order): each node keeps its newest
     * observation and every observation joins the node's track. Completes once all are stored
     * (in the owner's database under write-through, and in a backup's memory when the cluster has
     * more than one member); fails if any could not be.
     */
    CompletionStage<Void> putAssets(List<NodeState> observations);

    List<NodeState> all();

    Optional<NodeState> get(String id);

    /** The stored positions of a node, oldest first (at most the track limit; repeats of one fix once). */
    List<GeoPosition> track(String id);

    /** Calls {@code listener} (on a Hazelcast event thread: do not block) with every node change, cluster-wide. */
    default void onNodeChange(Consumer<NodeState> listener) {
        onNodeChange(listener, missed -> { });
    }

    /**
     * As {@link #onNodeChange(Consumer)}; when changes had to be dropped on their way to this
     * listener (it fell too far behind), {@code missed} is called with their count before the next
     * change it receives, so it can tell its own readers to read the whole picture again.
     */
    void onNodeChange(Consumer<NodeState> listener, java.util.function.LongConsumer missed);

    CompletionStage<Void> putDocument(DocumentKind kind, String id, String json);

    Optional<String> document(DocumentKind kind, String id);

    List<String> documentIds(DocumentKind kind);

    enum AssetWrite { STORED, DUPLICATE, OLDER }

    /** Stored JSON documents of the planning side. */
    enum DocumentKind {
        SEARCH_AREA(PictureMaps.SEARCH_AREAS), PLAN(PictureMaps.PLANS);

        final String map;

        DocumentKind(String map) {
            this.map = map;
        }
    }
}
