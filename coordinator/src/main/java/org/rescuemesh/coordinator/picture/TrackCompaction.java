package org.rescuemesh.coordinator.picture;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the track segments of each partition bounded: when a partition has received enough new
 * points (or new segments) since its last compaction, its segments are read. Segments none of whose
 * points is among its node's last N any more are deleted as they are — with nodes reporting
 * steadily that is all it takes. Only when the segments still needed carry as many stale points as
 * kept ones (a node that reports rarely pins old segments) are each node's last N distinct points
 * written as new segment(s), and then exactly the segments that were read deleted. Segments written meanwhile stay; a node that reports rarely keeps its N points, since
 * they are carried into the new segment. Runs on its own thread: the partition threads only
 * serve the read, the writes and the delete, like any other map operation.
 *
 * <p>Nothing is lost by a crash or by two members compacting one partition at once: a segment is
 * only deleted after the segment holding the last N points of every node it read is stored (its
 * owner's group commit and its synchronous backup). What a crash can leave is both, old and new:
 * duplicate points, which reads show once and the next compaction drops.
 *
 * <p>Each member counts the points it wrote itself per partition (the counters are not shared);
 * in a cluster a partition is compacted by whichever member's writes make it due.
 */
final class TrackCompaction implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrackCompaction.class.getName());
    /** Points per compacted segment: keeps values (and their database rows) to a few hundred kB. */
    static final int MAX_SEGMENT_POINTS = 4_096;
    /**
     * New points of a partition that make it due at the least (besides N and what the last
     * compaction kept): a compaction reads and rewrites everything the partition keeps, so doing
     * it rarely is what keeps its cost per point small.
     */
    static final int MIN_POINTS_DUE = 1_024;
    /** New segments of a partition that make it due however few points they hold (small batches). */
    static final int MIN_SEGMENTS_DUE = 1_024;

    private final HazelcastInstance hz;
    private final IMap<String, byte[]> segments;
    private final PartitionOwners partitions;
    private final Supplier<String> newId;
    private final CommitBarrier commits;
    private final int trackLimit;
    private final AtomicLongArray newPoints;
    private final AtomicLongArray newSegments;
    /** Points kept by the last compaction of each partition (compaction thread only). */
    private final long[] kept;
    /** Nodes with points in each partition at its last compaction (compaction thread only). */
    private final long[] nodes;
    private volatile boolean sweep;
    private volatile boolean closing;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "track-compaction");
        t.setDaemon(true);
        return t;
    });

    /** What one compaction did (bench output and tests). */
    record Outcome(int segmentsRead, long pointsRead, int segmentsWritten, long pointsKept) {
    }

    TrackCompaction(HazelcastInstance hz, IMap<String, byte[]> segments, PartitionOwners partitions,
                    Supplier<String> newId, CommitBarrier commits, int trackLimit) {
        this.hz = hz;
        this.segments = segments;
        this.partitions = partitions;
        this.newId = newId;
        this.commits = commits;
        this.trackLimit = trackLimit;
        this.newPoints = new AtomicLongArray(partitions.count());
        this.newSegments = new AtomicLongArray(partitions.count());
        this.kept = new long[partitions.count()];
        this.nodes = new long[partitions.count()];
    }

    /** Starts the periodic check. */
    void start() {
        worker.scheduleWithFixedDelay(this::compactDue, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Counts a segment of {@code points} points written to partition {@code p}. */
    void written(int p, int points) {
        newPoints.addAndGet(p, points);
        newSegments.incrementAndGet(p);
    }

    /** Makes every partition due once (after a restore: what was replayed was not counted). */
    void sweepAll() {
        sweep = true;
    }

    /**
     * Due once the new points could fill every node's N again (until then a compaction would drop
     * little and rewrite everything), and at least as many as were kept (so each point is
     * rewritten about once however long the track is).
     */
    private boolean due(int p) {
        return newPoints.get(p) >= Math.max(Math.max(MIN_POINTS_DUE, trackLimit * Math.max(1, nodes[p])), kept[p])
                || newSegments.get(p) >= Math.max(MIN_SEGMENTS_DUE, kept[p] / 4);
    }

    private void compactDue() {
        boolean all = sweep;
        sweep = false;
        for (int p = 0; p < partitions.count(); p++) {
            if (closing || !hz.getLifecycleService().isRunning()) {
                return;
            }
            if (all || due(p)) {
                try {
                    compact(p, null);
                } catch (RuntimeException e) {
                    if (!closing && hz.getLifecycleService().isRunning()) {
                        LOG.log(Level.WARNING, "track compaction of partition " + p + " failed; retried later", e);
                    }
                }
            }
        }
    }

    /**
     * Compacts partition {@code p} now. {@code afterRead} runs between the read and the writes
     * (tests: a segment written then must survive).
     */
    Outcome compact(int p, Runnable afterRead) {
        return compact(p, afterRead, false);
    }

    /** Compacts partition {@code p} now, rewriting what it keeps into as few segments as possible. */
    Outcome consolidate(int p) {
        return compact(p, null, true);
    }

    private Outcome compact(int p, Runnable afterRead, boolean consolidate) {
        long points = newPoints.get(p);
        long segs = newSegments.get(p);
        String tag = partitions.tag(p);
        Map<String, byte[]> read = new HashMap<>();
        for (Map.Entry<String, byte[]> e : segments.entrySet(Predicates.partitionPredicate(tag, Predicates.alwaysTrue()))) {
            read.put(e.getKey(), e.getValue());
        }
        if (afterRead != null) {
            afterRead.run();
        }
        // What was counted up to the read is covered by it (later writes count for the next round).
        newPoints.addAndGet(p, -points);
        newSegments.addAndGet(p, -segs);
        try {
            return rewrite(p, tag, read, consolidate);
        } catch (RuntimeException e) {
            newPoints.addAndGet(p, points);
            newSegments.addAndGet(p, segs);
            throw e;
        }
    }

    private Outcome rewrite(int p, String tag, Map<String, byte[]> read, boolean consolidate) {
        Map<String, List<TrackSegment.Point>> byNode = new HashMap<>();
        Map<String, List<TrackSegment.Point>> bySegment = new HashMap<>();
        long total = 0;
        for (Map.Entry<String, byte[]> e : read.entrySet()) {
            List<TrackSegment.Point> ps = new ArrayList<>();
            TrackSegment.forEach(e.getValue(), null, ps);
            bySegment.put(e.getKey(), ps);
            total += ps.size();
            for (TrackSegment.Point pt : ps) {
                byNode.computeIfAbsent(pt.nodeId(), k -> new ArrayList<>()).add(pt);
            }
        }
        List<TrackSegment.Point> keep = new ArrayList<>();
        Map<String, Long> oldestKept = new HashMap<>();
        for (Map.Entry<String, List<TrackSegment.Point>> e : byNode.entrySet()) {
            List<TrackSegment.Point> last = lastDistinct(e.getValue(), trackLimit);
            keep.addAll(last);
            oldestKept.put(e.getKey(), last.get(0).observedMs());
        }
        nodes[p] = byNode.size();
        if (read.size() <= 1 && keep.size() == total) {
            kept[p] = keep.size();
            return new Outcome(read.size(), total, 0, keep.size());
        }
        // Nodes that report steadily leave whole segments behind them: those are deleted as they
        // are, and nothing is rewritten, as long as the segments still needed hold no more points
        // past their nodes' N (or twice) than the N themselves (so the partition stays within twice what it keeps).
        List<String> obsolete = new ArrayList<>();
        long pointsLeft = 0;
        for (Map.Entry<String, List<TrackSegment.Point>> e : bySegment.entrySet()) {
            long live = e.getValue().stream().filter(pt -> pt.observedMs() >= oldestKept.get(pt.nodeId())).count();
            if (live == 0) {
                obsolete.add(e.getKey());
            } else {
                pointsLeft += e.getValue().size();
            }
        }
        if (!consolidate && pointsLeft - keep.size() < keep.size()) {
            if (!obsolete.isEmpty()) {
                // none of their points is among its node's last N now, and later points only push them further back
                segments.removeAll(Predicates.partitionPredicate(tag,
                        Predicates.in("__key", obsolete.toArray(new String[0]))));
            }
            kept[p] = pointsLeft;
            return new Outcome(read.size(), total, 0, pointsLeft);
        }
        kept[p] = keep.size();
        java.util.Set<com.hazelcast.cluster.Member> owner = partitions.owners(List.of(p));
        List<CompletableFuture<Boolean>> writes = new ArrayList<>();
        int written = 0;
        for (int from = 0; from < keep.size(); from += MAX_SEGMENT_POINTS) {
            TrackSegment.Builder b = TrackSegment.builder();
            for (TrackSegment.Point pt : keep.subList(from, Math.min(keep.size(), from + MAX_SEGMENT_POINTS))) {
                b.add(pt.nodeId().getBytes(java.nio.charset.StandardCharsets.UTF_8), pt.observedMs(), pt.position());
            }
            writes.add(HazelcastPictureStore.direct(segments.submitToKey(newId.get() + "@" + tag, new PutSegment(b.encode()))));
            written++;
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        // The new segments must be durable (owner's commit; backups were waited for by set) before
        // anything they replace is deleted.
        commits.on(owner).join();
        if (!owner.equals(partitions.owners(List.of(p)))) {
            // The partition moved meanwhile: the new owner has the new segments in memory, its
            // database only after its re-sync. Deleting now could leave neither on its disk; the
            // next round deletes them (duplicates until then).
            return new Outcome(read.size(), total, written, keep.size());
        }
        if (!read.isEmpty()) {
            segments.removeAll(Predicates.partitionPredicate(tag,
                    Predicates.in("__key", read.keySet().toArray(new String[0]))));
        }
        return new Outcome(read.size(), total, written, keep.size());
    }

    /** The last {@code n} points of one node by observation time, one per time, oldest first. */
    static List<TrackSegment.Point> lastDistinct(List<TrackSegment.Point> points, int n) {
        List<TrackSegment.Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingLong(TrackSegment.Point::observedMs));
        List<TrackSegment.Point> distinct = new ArrayList<>(sorted.size());
        long last = Long.MIN_VALUE;
        for (TrackSegment.Point pt : sorted) {
            if (distinct.isEmpty() || pt.observedMs() != last) {
                distinct.add(pt);
                last = pt.observedMs();
            }
        }
        return distinct.size() <= n ? distinct : new ArrayList<>(distinct.subList(distinct.size() - n, distinct.size()));
    }

    @Override
    public void close() {
        closing = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
