package org.rescuemesh.coordinator.picture;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.partition.PartitionService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;

/** The picture in Hazelcast IMaps (see {@link PictureMaps} for the layout of each). */
public final class HazelcastPictureStore implements PictureStore {

    private static final Logger LOG = Logger.getLogger(HazelcastPictureStore.class.getName());

    private final IMap<String, byte[]> nodes;
    private final IMap<String, byte[]> tracks;
    private final HazelcastInstance hz;
    private final PartitionService partitions;
    private final int trackLimit;

    public HazelcastPictureStore(HazelcastInstance hz, int trackLimit) {
        this.hz = hz;
        this.nodes = hz.getMap(PictureMaps.NODES);
        this.tracks = hz.getMap(PictureMaps.TRACKS);
        this.trackLimit = trackLimit;
        this.partitions = hz.getPartitionService();
    }

    @Override
    public CompletionStage<Void> putMember(NodeState state) {
        String id = state.getNodeId();
        return direct(nodes.submitToKey(id, new RecordMemberState(state.toByteArray(), System.currentTimeMillis())))
                .thenCompose(seq -> seq < 0 ? CompletableFuture.completedFuture(null)
                        : direct(tracks.setAsync(PictureMaps.trackKey(id, seq % trackLimit),
                        VersionedValue.encode(seq, 0, state.getPosition().toByteArray()))));
    }

    @Override
    public CompletionStage<Void> putAssets(List<NodeState> observations) {
        Map<String, List<NodeState>> byNode = new LinkedHashMap<>();
        for (NodeState s : observations) {
            byNode.computeIfAbsent(s.getNodeId(), k -> new ArrayList<>(4)).add(s);
        }
        // One entry-processor operation per partition (see RecordObservationGroups).
        Map<Integer, Map<String, RecordObservationGroups.Group>> byPartition = new HashMap<>();
        for (Map.Entry<String, List<NodeState>> e : byNode.entrySet()) {
            List<NodeState> group = e.getValue();
            long[] observed = new long[group.size()];
            int newest = 0;
            for (int i = 0; i < group.size(); i++) {
                observed[i] = observedMs(group.get(i));
                if (observed[i] > observed[newest]) {
                    newest = i;
                }
            }
            int partition = partitions.getPartition(e.getKey()).getPartitionId();
            byPartition.computeIfAbsent(partition, p -> new HashMap<>())
                    .put(e.getKey(), new RecordObservationGroups.Group(observed, newest, group.get(newest).toByteArray()));
        }
        Map<String, byte[]> trackWrites = new HashMap<>(observations.size() * 2);
        List<CompletableFuture<?>> reserved = new ArrayList<>(byPartition.size());
        for (Map<String, RecordObservationGroups.Group> groups : byPartition.values()) {
            reserved.add(direct(nodes.submitToKeys(groups.keySet(), new RecordObservationGroups(groups))).thenAccept(results -> {
                synchronized (trackWrites) {
                    for (Map.Entry<String, long[]> r : results.entrySet()) {
                        List<NodeState> group = byNode.get(r.getKey());
                        long[] seqs = r.getValue();
                        for (int i = 0; i < group.size(); i++) {
                            long seq = seqs[i + 1];
                            if (seq >= 0) {
                                trackWrites.put(PictureMaps.trackKey(r.getKey(), seq % trackLimit),
                                        VersionedValue.encode(seq, 0, group.get(i).getPosition().toByteArray()));
                            }
                        }
                    }
                }
            }));
        }
        // Track slots are reserved first (on each node's owner), then written in one putAll, which
        // Hazelcast splits per partition (one database batch per partition under write-through).
        return CompletableFuture.allOf(reserved.toArray(CompletableFuture[]::new))
                .thenCompose(v -> trackWrites.isEmpty() ? CompletableFuture.completedFuture(null)
                        : direct(tracks.putAllAsync(trackWrites)));
    }

    /**
     * A plain future completed on the thread that completes {@code stage}. Hazelcast runs the
     * dependent stages of its own futures on the common pool, which on a 2-core machine has no
     * threads and starts a new thread per callback: that alone made a batch of 1,000 positions
     * take 80 ms instead of a few.
     */
    static <T> CompletableFuture<T> direct(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenCompleteAsync((v, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(v);
            }
        }, Runnable::run);
        return out;
    }

    static long observedMs(NodeState s) {
        return s.hasPosition() && s.getPosition().hasObservedAt()
                ? Timestamps.toMillis(s.getPosition().getObservedAt())
                : Timestamps.toMillis(s.getUpdatedAt());
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

    @Override
    public List<GeoPosition> track(String id) {
        byte[] node = nodes.get(id);
        if (!VersionedValue.readable(node)) {
            return List.of();
        }
        long head = VersionedValue.counter(node);
        Set<String> keys = new HashSet<>();
        for (long seq = Math.max(0, head - trackLimit); seq < head; seq++) {
            keys.add(PictureMaps.trackKey(id, seq % trackLimit));
        }
        List<long[]> order = new ArrayList<>();
        List<GeoPosition> points = new ArrayList<>();
        for (byte[] v : tracks.getAll(keys).values()) {
            if (!VersionedValue.readable(v)) {
                continue;
            }
            try {
                GeoPosition p = GeoPosition.parseFrom(VersionedValue.payload(v));
                order.add(new long[]{Timestamps.toMillis(p.getObservedAt()), VersionedValue.version(v), points.size()});
                points.add(p);
            } catch (InvalidProtocolBufferException e) {
                LOG.warning("unreadable track point of " + id + " skipped");
            }
        }
        order.sort(Comparator.<long[]>comparingLong(o -> o[0]).thenComparingLong(o -> o[1]));
        List<GeoPosition> out = new ArrayList<>(order.size());
        long last = Long.MIN_VALUE;
        for (long[] o : order) {
            if (o[0] != last) {
                out.add(points.get((int) o[2]));
                last = o[0];
            }
        }
        return out;
    }

    @Override
    public void onNodeChange(Consumer<NodeState> listener) {
        NodeListener l = new NodeListener(listener);
        nodes.addEntryListener(l, true);
    }

    /** Forwards added, updated and merged node entries. */
    private record NodeListener(Consumer<NodeState> target) implements EntryAddedListener<String, byte[]>,
            EntryUpdatedListener<String, byte[]>, EntryMergedListener<String, byte[]> {
        @Override
        public void entryAdded(EntryEvent<String, byte[]> event) {
            forward(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, byte[]> event) {
            byte[] old = event.getOldValue();
            byte[] now = event.getValue();
            // A track-head-only change (an older observation joined the track) is not a new picture.
            if (old != null && now != null && VersionedValue.readable(old) && VersionedValue.readable(now)
                    && VersionedValue.version(old) == VersionedValue.version(now)) {
                return;
            }
            forward(now);
        }

        @Override
        public void entryMerged(EntryEvent<String, byte[]> event) {
            forward(event.getValue());
        }

        private void forward(byte[] v) {
            if (v != null) {
                decode(v).ifPresent(target);
            }
        }
    }

    @Override
    public CompletionStage<Void> putDocument(DocumentKind kind, String id, String json) {
        return direct(hz.<String, byte[]>getMap(kind.map).setAsync(id,
                VersionedValue.encode(System.currentTimeMillis(), 0, json.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public Optional<String> document(DocumentKind kind, String id) {
        byte[] v = hz.<String, byte[]>getMap(kind.map).get(id);
        return VersionedValue.readable(v)
                ? Optional.of(new String(VersionedValue.payload(v), StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Override
    public List<String> documentIds(DocumentKind kind) {
        return hz.<String, byte[]>getMap(kind.map).keySet().stream().sorted().toList();
    }

    private static Optional<NodeState> decode(byte[] v) {
        if (!VersionedValue.readable(v)) {
            return Optional.empty();
        }
        try {
            return Optional.of(NodeState.parseFrom(VersionedValue.payload(v)));
        } catch (InvalidProtocolBufferException e) {
            LOG.warning("unreadable node record skipped: " + e.getMessage());
            return Optional.empty();
        }
    }
}
