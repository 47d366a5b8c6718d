package org.rescuemesh.coordinator.picture;

import com.google.protobuf.InvalidProtocolBufferException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.rescuemesh.proto.v1.NodeState;

/** The picture in Hazelcast IMaps (node id → serialized {@link NodeState}). */
public final class HazelcastPictureStore implements PictureStore {

    private static final Logger LOG = Logger.getLogger(HazelcastPictureStore.class.getName());
    public static final String NODES = "rescuemesh.nodes";

    private final IMap<String, byte[]> nodes;

    public HazelcastPictureStore(HazelcastInstance hz) {
        this.nodes = hz.getMap(NODES);
    }

    @Override
    public CompletionStage<Void> putMember(NodeState state) {
        return nodes.setAsync(state.getNodeId(), state.toByteArray());
    }

    @Override
    public CompletionStage<AssetWrite> putAsset(NodeState state) {
        return nodes.submitToKey(state.getNodeId(), new NewerObservationWins(state.toByteArray()))
                .thenApply(AssetWrite::valueOf);
    }

    @Override
    public List<NodeState> all() {
        List<NodeState> out = new ArrayList<>();
        for (byte[] v : nodes.values()) {
            decode(v).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<NodeState> get(String id) {
        byte[] v = nodes.get(id);
        return v == null ? Optional.empty() : decode(v);
    }

    private static Optional<NodeState> decode(byte[] v) {
        try {
            return Optional.of(NodeState.parseFrom(v));
        } catch (InvalidProtocolBufferException e) {
            LOG.warning("unreadable node record skipped: " + e.getMessage());
            return Optional.empty();
        }
    }
}
