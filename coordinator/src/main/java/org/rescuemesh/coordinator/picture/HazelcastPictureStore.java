package org.rescuemesh.coordinator.picture;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.MapEntries;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.topic.ITopic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
public final class HazelcastPictureStore implements PictureStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HazelcastPictureStore.class.getName());

    private final IMap<String, byte[]> nodes;
    private final IMap<String, byte[]> segments;
    private final ITopic<NodeChanges> changes;
    private final HazelcastInstance hz;
    private final int trackLimit;
    private final PartitionOwners partitions;
    private final CommitBarrier commits;
    private final TrackCompaction compaction;
    private final List<NodeChangeForwarder> localListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong droppedChanges = new java.util.concurrent.atomic.AtomicLong();
    private final Object publishing = new Object();
    /** Node changes this member put on the topic so far (guarded by {@link #publishing}). */
    private long published;
    /** One thread for this member's node-change listeners: in publishing order, off the ingest path. */
    private final java.util.concurrent.ExecutorService localChanges;
    private final int localBacklog;
    /** Unique per store instance: segment ids are {@code <this><counter>} (no {@code @}). */
    private final String idPrefix = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36) + "-";
    private final java.util.concurrent.atomic.AtomicLong nextId = new java.util.concurrent.atomic.AtomicLong();

    public HazelcastPictureStore(HazelcastInstance hz, int trackLimit) {
        this(hz, trackLimit, true);
    }

    /** @param compactInBackground false only in tests that run the compaction themselves */
    HazelcastPictureStore(HazelcastInstance hz, int trackLimit, boolean compactInBackground) {
        this(hz, trackLimit, compactInBackground, LOCAL_BACKLOG);
    }

    /** @param localBacklog node-change messages that may wait for this member's listeners (small only in tests) */
    HazelcastPictureStore(HazelcastInstance hz, int trackLimit, boolean compactInBackground, int localBacklog) {
        this.hz = hz;
        this.localBacklog = localBacklog;
        this.localChanges = changesThread(localBacklog);
        this.nodes = hz.getMap(PictureMaps.NODES);
        this.segments = hz.getMap(PictureMaps.TRACK_SEGMENTS);
        this.changes = hz.getTopic(NodeChanges.TOPIC);
        this.trackLimit = trackLimit;
        this.partitions = new PartitionOwners(hz, nodes);
        this.commits = new CommitBarrier(hz);
        this.compaction = new TrackCompaction(hz, segments, partitions, this::newSegmentId, commits, trackLimit);
        if (compactInBackground) {
            compaction.start();
        }
    }

    private String newSegmentId() {
        return idPrefix + Long.toString(nextId.getAndIncrement(), 36);
    }

    /** Every partition's segments are checked for compaction once (what a restore replayed was not counted). */
    public void compactEveryPartitionSoon() {
        compaction.sweepAll();
    }

    /**
     * Compacts every partition's track segments now, in the calling thread (beside the background
     * compaction, which may run at the same time: both only delete what they read, after storing
     * its replacement). Returns the segments read.
     */
    public long compactAll() {
        long read = 0;
        for (int p = 0; p < partitions.count(); p++) {
            read += compaction.compact(p, null).segmentsRead();
        }
        return read;
    }

    /** Stops the background compaction (before the Hazelcast member shuts down). */
    @Override
    public void close() {
        compaction.close();
        localChanges.shutdown();
    }

    TrackCompaction compaction() {
        return compaction;
    }

    PartitionOwners partitions() {
        return partitions;
    }

    @Override
    public CompletionStage<Void> putMember(NodeState state) {
        String id = state.getNodeId();
        byte[] bytes = state.toByteArray();
        return direct(nodes.submitToKey(id, new RecordMemberState(bytes, System.currentTimeMillis())))
                .thenCompose(stored -> {
                    announce(new NodeChanges(new long[]{stored[0]}, new byte[][]{bytes}, new NodeState[]{state}));
                    if (stored[1] == 0) {
                        return CompletableFuture.completedFuture(null);
                    }
                    int p = partitions.partitionOf(id);
                    byte[] segment = TrackSegment.builder().add(id.getBytes(StandardCharsets.UTF_8),
                            observedMs(state), state.getPosition()).encode();
                    compaction.written(p, 1);
                    return direct(segments.submitToKey(newSegmentId() + "@" + partitions.tag(p), new PutSegment(segment)))
                            .thenApply(b -> (Void) null);
                })
                .thenCompose(v -> durableEverywhere(id));
    }

    /** One asset of a chunk: its newest observation and, once written, what its node entry made of it. */
    private static final class Asset {
        final String id;
        final byte[] idUtf8;
        final Data key;
        NodeState newest;
        long newestMs;
        PartitionGroup group;
        byte[] state;
        /** {@link PictureStore.AssetWrite} ordinal, once the group's write completed. */
        int written = -1;

        Asset(String id, byte[] idUtf8, Data key, NodeState newest, long newestMs) {
            this.id = id;
            this.idUtf8 = idUtf8;
            this.key = key;
            this.newest = newest;
            this.newestMs = newestMs;
        }
    }

    /** The assets of a chunk that live in one partition, and their points as one track segment. */
    private static final class PartitionGroup {
        final int partition;
        final List<Asset> assets = new ArrayList<>();
        final TrackSegment.Builder segment = TrackSegment.builder();

        PartitionGroup(int partition) {
            this.partition = partition;
        }
    }

    /** Announces the node states of {@code group} that their writes stored (newer than what the node held). */
    private void announceStored(List<Asset> group) {
        int stored = 0;
        for (Asset a : group) {
            if (a.written == PictureStore.AssetWrite.STORED.ordinal()) {
                stored++;
            }
        }
        long[] v = new long[stored];
        byte[][] st = new byte[stored][];
        NodeState[] parsed = new NodeState[stored];
        int k = 0;
        for (Asset a : group) {
            if (a.written == PictureStore.AssetWrite.STORED.ordinal()) {
                v[k] = a.newestMs;
                st[k] = a.state;
                parsed[k] = a.newest;
                k++;
            }
        }
        announce(new NodeChanges(v, st, parsed));
    }

    /**
     * Passes node changes to every member's listeners ({@link #onNodeChange}); the write does not
     * wait for it. This member's own listeners get them directly, other members' through the
     * topic, which serializes every message even for a listener on the same member (a copy of
     * every node state per change, and a hop through Hazelcast's event threads). A lone member,
     * the default command post, publishes nothing. A member that joins while a change is announced
     * may miss that change on its live feeds; its clients were not connected to it yet.
     */
    private void announce(NodeChanges c) {
        if (c.size() == 0) {
            return;
        }
        for (NodeChangeForwarder f : localListeners) {
            // A count of changes dropped before rides with the next message that is queued, so the
            // listener hears of the gap after every change queued before it.
            long missedBefore = f.takeMissed();
            try {
                localChanges.execute(() -> f.accept(c, missedBefore));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                f.missed(missedBefore + c.size());
                if (droppedChanges.getAndAdd(c.size()) == 0) {
                    LOG.warning("live feeds are too slow: node changes dropped (more than "
                            + localBacklog + " messages waiting); their live clients are told to reload /api/v1/nodes");
                }
            }
        }
        if (hz.getCluster().getMembers().size() > 1) {
            // Numbered and handed to Hazelcast in one step, so each member receives them in the
            // order of their numbers (one connection per member, one event stripe per topic) and
            // a jump means lost messages.
            synchronized (publishing) {
                c.publishedAfter(published);
                published += c.size();
                changes.publishAsync(c).exceptionally(e -> {
                    LOG.warning("node changes not announced to the other members' live feeds: " + rootMessage(e));
                    return null;
                });
            }
        }
    }

    /** Node-change messages waiting for this member's listeners, beyond which they are dropped (as Hazelcast's event queue would). */
    static final int LOCAL_BACKLOG = 1_000_000;

    private static java.util.concurrent.ThreadPoolExecutor changesThread(int backlog) {
        return new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(backlog), r -> {
                    Thread t = new Thread(r, "node-changes");
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public CompletionStage<Void> putAssets(List<NodeState> observations) {
        // Per asset: its newest observation of the chunk, for the node entry. Per partition of the
        // assets: one track segment with every point of the chunk that belongs to an asset of that
        // partition, under a key living in that partition.
        Map<String, Asset> assets = new HashMap<>();
        Map<Integer, PartitionGroup> byPartition = new HashMap<>();
        for (NodeState s : observations) {
            long observed = observedMs(s);
            Asset a = assets.get(s.getNodeId());
            if (a == null) {
                String id = s.getNodeId();
                Data key = partitions.keyOf(id);
                a = new Asset(id, id.getBytes(StandardCharsets.UTF_8), key, s, observed);
                assets.put(id, a);
                a.group = byPartition.computeIfAbsent(partitions.partitionOf(key), PartitionGroup::new);
                a.group.assets.add(a);
            } else if (observed > a.newestMs) {
                a.newest = s;
                a.newestMs = observed;
            }
            a.group.segment.add(a.idUtf8, observed, s.getPosition());
        }
        // Node entries: one operation per partition group with every asset's newest observation
        // (the newest wins on the owner), waiting for its synchronous backups
        // (SyncBackupEntryOperation: Hazelcast's own multi-key operation has asynchronous backups,
        // which lost node updates when a primary was killed). Track segments: one single-key write
        // per partition, also waiting for its backups. Neither depends on the other, so they run
        // at once. Then the owners must have committed them (and the other owners answered)
        // before the caller may acknowledge.
        Set<Integer> written = byPartition.keySet();
        Map<Integer, Address> ownersAtWrite = partitions.ownerOfEach(written);
        List<CompletableFuture<?>> calls = new ArrayList<>(byPartition.size() * 2);
        for (PartitionGroup g : byPartition.values()) {
            Map<String, RecordObservationBatch.Newest> newest = new HashMap<>(g.assets.size() * 2);
            Set<Data> keys = new HashSet<>(g.assets.size() * 2);
            for (Asset a : g.assets) {
                a.state = a.newest.toByteArray();
                newest.put(a.id, new RecordObservationBatch.Newest(a.newestMs, a.state));
                keys.add(a.key);
            }
            // The live feeds learn of the stored node states in one message per partition group,
            // as soon as its node entries are written (not after the commit); one message per
            // chunk made every delta wait for the slowest partition.
            calls.add(partitions.<MapEntries>invoke(g.partition,
                            new SyncBackupEntryOperation(PictureMaps.NODES, keys, new RecordObservationBatch(newest)))
                    .thenApply(results -> {
                        recordResults(g, results);
                        announceStored(g.assets);
                        return results;
                    }));
        }
        Set<String> segmentKeys = new HashSet<>(byPartition.size() * 2);
        for (PartitionGroup g : byPartition.values()) {
            String key = newSegmentId() + "@" + partitions.tag(g.partition);
            segmentKeys.add(key);
            compaction.written(g.partition, g.segment.points());
            calls.add(direct(segments.submitToKey(key, new PutSegment(g.segment.encode()))));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            // An owner that changed while the chunk was written (it left; its backup took over)
            // may not have staged the write, and the new owner held it as a backup, which does not
            // stage: the new owner's commit would confirm nothing. So the chunk goes the second way.
            if (!partitions.ownerOfEach(written).equals(ownersAtWrite)) {
                return storeAgainOnOwners(assets.keySet(), segmentKeys, written,
                        new IllegalStateException("a partition's owner changed while the chunk was written"));
            }
            // (a report that changed nothing had its node entry staged on the owner if it was on no
            // disk there: RecordObservationBatch)
            return commits.on(partitions.owners(written)).handle((done, failed) -> failed == null
                            ? CompletableFuture.<Void>completedFuture(null)
                            : storeAgainOnOwners(assets.keySet(), segmentKeys, written, failed)).thenCompose(f -> f);
        });
    }

    /** Notes each asset's {@link PictureStore.AssetWrite} from its partition operation's per-key results. */
    private void recordResults(PartitionGroup g, MapEntries results) {
        Map<Data, Asset> byKey = new HashMap<>(g.assets.size() * 2);
        for (Asset a : g.assets) {
            byKey.put(a.key, a);
        }
        for (int i = 0; i < results.size(); i++) {
            Asset a = byKey.get(results.getKey(i));
            Integer w = partitions.read(results.getValue(i));
            if (a != null && w != null) {
                a.written = w;
            }
        }
        if (results.size() != g.assets.size()) {
            // Every key of the batch lives in the partition the operation ran on and gets a result;
            // an asset without one has no live delta (its write may still have happened).
            LOG.warning("partition " + g.partition + " answered for " + results.size() + " of " + g.assets.size()
                    + " node entries; the others get no live delta for this chunk");
        }
    }

    /**
     * The second chance of a chunk whose owners did not all confirm their commit — typically one
     * of them left the cluster after the write: the write survives in the promoted backup's memory
     * (the operations waited for their synchronous backups), but not yet on any disk. Every entry
     * of the chunk is written again, unchanged, on its current owner ({@link StoreAgain}) and those
     * owners must then confirm their commit. If that fails too, the chunk is not acknowledged.
     */
    private CompletableFuture<Void> storeAgainOnOwners(Set<String> nodeKeys, Set<String> segmentKeys,
                                                       Set<Integer> partitionIds, Throwable first) {
        LOG.info("an owner did not confirm its commit (" + rootMessage(first) + "); storing "
                + (nodeKeys.size() + segmentKeys.size()) + " entries again on their current owners");
        Map<Integer, Address> ownersAtWrite = partitions.ownerOfEach(partitionIds);
        CompletableFuture<?> n = direct(nodes.submitToKeys(nodeKeys, new StoreAgain()));
        CompletableFuture<?> t = direct(segments.submitToKeys(segmentKeys, new StoreAgain()));
        return CompletableFuture.allOf(n, t).thenCompose(v -> partitions.ownerOfEach(partitionIds).equals(ownersAtWrite)
                ? commits.on(partitions.owners(partitionIds))
                : CompletableFuture.failedFuture(new IllegalStateException(
                        "a partition's owner changed again while the chunk was stored again")));
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
     * document) is rare, and a member state may also have written a track segment.
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
        int p = partitions.partitionOf(id);
        // One query on the node's partition; the projection keeps the node's points on the owner.
        List<TrackSegment.Point> points = new ArrayList<>();
        for (byte[] v : segments.project(new PointsOf(id),
                Predicates.partitionPredicate(partitions.tag(p), Predicates.alwaysTrue()))) {
            TrackSegment.forEach(v, null, points);
        }
        List<TrackSegment.Point> last = TrackCompaction.lastDistinct(points, trackLimit);
        List<GeoPosition> out = new ArrayList<>(last.size());
        for (TrackSegment.Point pt : last) {
            try {
                out.add(GeoPosition.parseFrom(pt.position()));
            } catch (InvalidProtocolBufferException e) {
                LOG.warning("unreadable track point of " + id + " skipped");
            }
        }
        return out;
    }

    @Override
    public void onNodeChange(Consumer<NodeState> listener, java.util.function.LongConsumer missed) {
        NodeChangeForwarder forward = new NodeChangeForwarder(listener, missed);
        localListeners.add(forward);
        // per publishing member: the changes it had published up to its last message received here
        Map<java.util.UUID, Long> receivedThrough = new java.util.concurrent.ConcurrentHashMap<>();
        changes.addMessageListener(m -> {
            com.hazelcast.cluster.Member from = m.getPublishingMember();
            if (from != null && from.localMember()) {
                return; // this member's own changes came directly (announce)
            }
            NodeChanges c = m.getMessageObject();
            long missedBefore = 0;
            if (from != null) {
                // (the highest kept: should a message ever arrive late, it is not taken for a gap twice)
                Long through = receivedThrough.get(from.getUuid());
                receivedThrough.merge(from.getUuid(), c.changesBefore() + c.size(), Math::max);
                if (through != null && c.changesBefore() > through) {
                    missedBefore = c.changesBefore() - through; // (Hazelcast logs the drop; the listener is told)
                }
            }
            forward.accept(c, missedBefore);
        });
        nodes.addEntryListener(forward, true);
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
        return VersionedValue.readable(v) ? decode(v, VersionedValue.HEADER) : Optional.empty();
    }

    /** A NodeState serialized in {@code v} from {@code offset} on, parsed in place. */
    static Optional<NodeState> decode(byte[] v, int offset) {
        try {
            // Parsed in place: the live feed decodes every node change, a copy per change adds up.
            return Optional.of(NodeState.parseFrom(com.google.protobuf.CodedInputStream.newInstance(v, offset,
                    v.length - offset)));
        } catch (java.io.IOException e) {
            LOG.warning("unreadable node record skipped: " + e.getMessage());
            return Optional.empty();
        }
    }
}
