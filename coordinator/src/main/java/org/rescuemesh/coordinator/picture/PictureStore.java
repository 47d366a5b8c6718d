package org.rescuemesh.coordinator.picture;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.rescuemesh.proto.v1.NodeState;

/**
 * The live operating picture: every node (agent, coordinator, agency asset) with its latest
 * state and status. Implementations may block in {@link #all()} and {@link #get}; callers on an
 * event loop run those on a worker.
 */
public interface PictureStore {

    /** Records what the gossip membership says about a member (state and status). Last write wins. */
    CompletionStage<Void> putMember(NodeState state);

    /**
     * Records an asset observation if it is newer than the stored one. Completes with
     * {@link AssetWrite#STORED}, {@link AssetWrite#DUPLICATE} (same asset, same observation time) or
     * {@link AssetWrite#OLDER} (an older observation; the newer one is kept).
     */
    CompletionStage<AssetWrite> putAsset(NodeState state);

    List<NodeState> all();

    Optional<NodeState> get(String id);

    enum AssetWrite { STORED, DUPLICATE, OLDER }
}
