package org.rescuemesh.coordinator.picture;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
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
    private final int trackLimit;
    private final PartitionedWrites writes;
    private final CommitBarrier commits;

    public HazelcastPictureStore(HazelcastInstance hz, int trackLimit) {
        this.hz = hz;
        this.nodes = hz.getMap(PictureMaps.NODES);
        this.tracks = hz.getMap(PictureMaps.TRACKS);
        this.trackLimit = trackLimit;
        this.writes = new PartitionedWrites(hz, nodes);
        this.commits = new CommitBarrier(hz);
    }

    @Override
    public CompletionStage<Void> putMember(NodeState state) {
        String id = state.getNodeId();
        return direct(nodes.submitToKey(id, new RecordMemberState(state.toByteArray(), System.currentTimeMillis())))
                .thenCompose(seq -> seq < 0 ? CompletableFuture.completedFuture(null)
                        : direct(tracks.setAsync(PictureMaps.trackKey(id, seq % trackLimit),
                        VersionedValue.encode(seq, 0, state.getPosition()))))
                .thenCompose(v -> durableEverywhere(id));
    }

    @Override
    public CompletionStage<Void> putAssets(List<NodeState> observations) {
        Map<String, List<NodeState>> byNode = new HashMap<>();
        for (NodeState s : observations) {
            byNode.computeIfAbsent(s.getNodeId(), k -> new ArrayList<>(2)).add(s);
        }
        Map<String, RecordObservations> groups = new HashMap<>(byNode.size() * 2);
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
            groups.put(e.getKey(), new RecordObservations(observed, newest, group.get(newest).toByteArray()));
        }
        // Phase 1 reserves track slots on the owners of the node entries: one single-key entry
        // processor per asset (grouping an asset's observations of the chunk). Why not one
        // MultipleEntryOperation per partition: Hazelcast 5.3 gives that operation asynchronous
        // backups (getSyncBackupCount() is 0), which lost node updates when a primary was killed;
        // a subclass with synchronous backups fixed that loss but the three-member kill test then
        // failed its restart check in 2 of about 17 runs, cause not found, and with the MapStore
        // no longer offloaded it saved only a few µs per position (docs/bench/ingest.md). Phase 2
        // fills the slots with one putAll operation per partition, waiting for its backups
        // (PartitionedWrites). Then the owners must have committed both (and the other owners
        // answered) before the caller may acknowledge.
        Map<String, CompletableFuture<long[]>> calls = new HashMap<>(groups.size() * 2);
        for (Map.Entry<String, RecordObservations> g : groups.entrySet()) {
            calls.put(g.getKey(), direct(nodes.submitToKey(g.getKey(), g.getValue())));
        }
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, long[]> results = new HashMap<>(calls.size() * 2);
            calls.forEach((k, f) -> results.put(k, f.join()));
            return new PartitionedWrites.Outcome<>(results, writes.ownersOfKeys(results.keySet()));
        }).thenCompose(reserved -> {
            Map<String, byte[]> points = new HashMap<>(observations.size() * 2);
            for (Map.Entry<String, List<NodeState>> e : byNode.entrySet()) {
                long[] seqs = reserved.results().get(e.getKey());
                if (seqs == null) {
                    throw new IllegalStateException("no track slots reserved for " + e.getKey());
                }
                List<NodeState> group = e.getValue();
                for (int i = 0; i < group.size(); i++) {
                    long seq = seqs[i + 1];
                    if (seq >= 0) {
                        points.put(PictureMaps.trackKey(e.getKey(), seq % trackLimit),
                                VersionedValue.encode(seq, 0, group.get(i).getPosition()));
                    }
                }
            }
            Set<Member> owners = new HashSet<>(reserved.owners());
            return writes.setAll(PictureMaps.TRACKS, points).thenCompose(trackOwners -> {
                owners.addAll(trackOwners);
                return commits.on(owners).handle((done, failed) -> failed == null
                        ? CompletableFuture.<Void>completedFuture(null)
                        : storeAgainOnOwners(groups.keySet(), points.keySet(), failed)).thenCompose(f -> f);
            });
        });
    }

    /**
     * The second chance of a chunk whose owners did not all confirm their commit — typically one
     * of them left the cluster after the write: the write survives in the promoted backup's memory
     * (the operations waited for their synchronous backups), but not yet on any disk. Every entry
     * of the chunk is written again, unchanged, on its current owner ({@link StoreAgain}) and those
     * owners must then confirm their commit. If that fails too, the chunk is not acknowledged.
     */
    private CompletableFuture<Void> storeAgainOnOwners(Set<String> nodeKeys, Set<String> trackKeys, Throwable first) {
        LOG.info("an owner did not confirm its commit (" + rootMessage(first) + "); storing "
                + (nodeKeys.size() + trackKeys.size()) + " entries again on their current owners");
        CompletableFuture<?> n = direct(nodes.submitToKeys(nodeKeys, new StoreAgain()));
        CompletableFuture<?> t = direct(tracks.submitToKeys(trackKeys, new StoreAgain()));
        return CompletableFuture.allOf(n, t).thenCompose(v -> {
            Set<String> all = new HashSet<>(nodeKeys);
            all.addAll(trackKeys);
            return commits.on(writes.ownersOfKeys(all));
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * Waits for every member to commit what it staged: a single-key write (a member state, a
     * document) is rare, and a member state may also have filled a track slot in another partition.
     */
    private CompletableFuture<Void> durableEverywhere(String key) {
        if (!commits.active()) {
            return CompletableFuture.completedFuture(null);
        }
        return commits.on(hz.getCluster().getMembers());
    }

    static long observedMs(NodeState s) {
        return s.hasPosition() && s.getPosition().hasObservedAt()
                ? Timestamps.toMillis(s.getPosition().getObservedAt())
                : Timestamps.toMillis(s.getUpdatedAt());
    }

    /**
     * Runs the dependent stages of Hazelcast futures. Not Hazelcast's default (the common pool,
     * which on a 2-core machine has no threads and starts a new thread per callback: a batch of
     * 1,000 positions took 80 ms instead of a few) and not the completing thread either: that is
     * a partition thread, and a map operation issued from it for a key of another partition was
     * stored where reads never looked.
     */
    private static final java.util.concurrent.Executor CALLBACKS = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "picture-callbacks");
                t.setDaemon(true);
                return t;
            });

    /** A plain future completed on a {@link #CALLBACKS} thread when {@code stage} completes. */
    static <T> CompletableFuture<T> direct(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenCompleteAsync((v, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(v);
            }
        }, CALLBACKS);
        return out;
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
                VersionedValue.encode(System.currentTimeMillis(), 0, json.getBytes(StandardCharsets.UTF_8))))
                .thenCompose(v -> durableEverywhere(id));
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
            // Parsed in place: the live feed decodes every node change, a copy per change adds up.
            return Optional.of(NodeState.parseFrom(com.google.protobuf.CodedInputStream.newInstance(v, VersionedValue.HEADER,
                    v.length - VersionedValue.HEADER)));
        } catch (java.io.IOException e) {
            LOG.warning("unreadable node record skipped: " + e.getMessage());
            return Optional.empty();
        }
    }
}
