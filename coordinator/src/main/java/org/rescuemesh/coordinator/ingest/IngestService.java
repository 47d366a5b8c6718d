package org.rescuemesh.coordinator.ingest;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.rescuemesh.coordinator.auth.Principal;
import org.rescuemesh.coordinator.picture.PictureStore;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;
import org.rescuemesh.proto.v1.PublishAck;
import org.rescuemesh.proto.v1.Rejection;

/**
 * Validates agency positions and stores the valid ones. Shared by the gRPC and HTTP front
 * doors so both apply the same rules and give the same answers.
 */
public final class IngestService {

    /** Largest batch accepted in one call. */
    public static final int MAX_BATCH = 10_000;

    private final PictureStore store;
    private final IngestMetrics metrics;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public IngestService(PictureStore store, IngestMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * Validates and stores {@code positions}; {@code firstIndex} numbers them (streams count on).
     * The future completes once every accepted position is stored.
     */
    public Future<PublishAck> publish(Principal who, List<AssetPosition> positions, int firstIndex) {
        long started = System.nanoTime();
        // Validation, conversion and the store's batching cost microseconds per position: done on
        // the ingest threads so the event loop stays free for gRPC frames, REST and live sockets.
        return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> validateAndStore(who, positions, firstIndex,
                started), WORKERS).thenCompose(f -> f));
    }

    /** Runs the ingest work off the Vert.x event loops; as many threads as cores (it is pure CPU work). */
    private static final Executor WORKERS = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "ingest-worker");
                t.setDaemon(true);
                return t;
            });

    private CompletableFuture<PublishAck> validateAndStore(Principal who, List<AssetPosition> positions, int firstIndex,
                                                          long started) {
        long now = System.currentTimeMillis();
        List<Rejection> rejections = new ArrayList<>();
        List<NodeState> valid = new ArrayList<>(positions.size());
        for (int i = 0; i < positions.size(); i++) {
            AssetPosition p = positions.get(i);
            Optional<Rejection> problem = PositionValidator.check(firstIndex + i, p, now);
            if (problem.isPresent()) {
                rejections.add(problem.get());
                continue;
            }
            valid.add(toNodeState(who, p, now));
        }
        long ok = valid.size();
        accepted.addAndGet(ok);
        rejected.addAndGet(rejections.size());
        metrics.accepted(ok);
        metrics.rejected(rejections.size());
        PublishAck ack = PublishAck.newBuilder().setAccepted(ok).setRejected(rejections.size())
                .addAllRejections(rejections).build();
        if (valid.isEmpty()) {
            return CompletableFuture.completedFuture(ack);
        }
        // The acknowledgement leaves only after the store confirmed every write (nothing lost).
        return store.putAssets(valid).toCompletableFuture().thenApply(v -> {
            metrics.stored(ok);
            metrics.latency(System.nanoTime() - started);
            return ack;
        });
    }

    static NodeState toNodeState(Principal who, AssetPosition p, long nowMs) {
        String source = p.getSource().isEmpty() ? who.agency() : p.getSource();
        return NodeState.newBuilder()
                .setNodeId(p.getAssetId())
                .setName(p.getLabel().isEmpty() ? p.getAssetId() : p.getLabel())
                .setTeam(who.agency())
                .setKind(NodeKind.NODE_KIND_ASSET)
                .setStatus(NodeStatus.NODE_STATUS_ALIVE)
                .setBatteryPct(-1)
                .setStatusText(p.getKind())
                .setUpdatedAt(p.getObservedAt())
                .setPosition(GeoPosition.newBuilder()
                        .setLatDeg(p.getLat()).setLonDeg(p.getLon())
                        .setAltM(p.getAltM()).setAltKnown(p.getAltM() != 0)
                        .setAccuracyM(p.getAccuracyM())
                        .setSpeedMps(p.getSpeedMps()).setHeadingDeg(p.getHeadingDeg())
                        .setObservedAt(p.getObservedAt())
                        .setSource("agency:" + source))
                .build();
    }

    /** Counts a call refused by a rate limit. */
    public void throttled() {
        metrics.throttled();
    }

    public long acceptedTotal() {
        return accepted.get();
    }

    public long rejectedTotal() {
        return rejected.get();
    }

    static long millis(com.google.protobuf.Timestamp t) {
        return Timestamps.toMillis(t);
    }
}
