package org.rescuemesh.coordinator.ingest;

import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.coordinator.auth.Principal;
import org.rescuemesh.coordinator.auth.RateLimiter;
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.PositionIngestGrpcService;
import org.rescuemesh.proto.v1.PublishAck;

/** The gRPC front door of {@link IngestService}: {@code rescuemesh.v1.PositionIngest}. */
public final class GrpcIngest {

    private static final Logger LOG = Logger.getLogger(GrpcIngest.class.getName());
    /**
     * Positions of a stream are stored in chunks of this size while the stream runs. The stream is
     * acknowledged only when the client closes it, so nothing waits on a chunk but the store: large
     * chunks mean few Hazelcast operations (one per partition and chunk) and few group commits.
     */
    private static final int STREAM_CHUNK = 8_192;

    /** Largest gRPC message accepted: a full batch of 10,000 positions with long labels fits. */
    public static final long MAX_MESSAGE_BYTES = 16L * 1024 * 1024;

    private final IngestService ingest;
    private final TokenRegistry tokens;
    private final RateLimiter limiter;

    public GrpcIngest(IngestService ingest, TokenRegistry tokens, RateLimiter limiter) {
        this.ingest = ingest;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    public void bind(GrpcServer server) {
        server.callHandler(PositionIngestGrpcService.PublishBatch, this::publishBatch);
        server.callHandler(PositionIngestGrpcService.Publish, this::publishStream);
    }

    private Optional<Principal> authorize(GrpcServerRequest<?, PublishAck> req) {
        Optional<Principal> who = tokens.authenticate(req.headers().get("authorization"));
        if (who.isEmpty()) {
            req.response().status(GrpcStatus.UNAUTHENTICATED).statusMessage("missing or unknown bearer token").end();
            return Optional.empty();
        }
        if (!who.get().may(Scope.INGEST)) {
            req.response().status(GrpcStatus.PERMISSION_DENIED).statusMessage("token lacks the ingest scope").end();
            return Optional.empty();
        }
        return who;
    }

    private void publishBatch(GrpcServerRequest<org.rescuemesh.proto.v1.AssetPositionBatch, PublishAck> req) {
        Optional<Principal> who = authorize(req);
        if (who.isEmpty()) {
            return;
        }
        req.handler(batch -> {
            if (batch.getPositionsCount() > IngestService.MAX_BATCH) {
                req.response().status(GrpcStatus.INVALID_ARGUMENT)
                        .statusMessage("batch of " + batch.getPositionsCount() + " positions exceeds " + IngestService.MAX_BATCH).end();
                return;
            }
            if (!limiter.allow(who.get(), Math.max(1, batch.getPositionsCount()))) {
                exhausted(req.response());
                return;
            }
            ingest.publish(who.get(), batch.getPositionsList(), 0)
                    .onSuccess(ack -> req.response().end(ack))
                    .onFailure(e -> fail(req.response(), e));
        });
        req.exceptionHandler(e -> LOG.log(Level.FINE, "PublishBatch stream error", e));
    }

    private void publishStream(GrpcServerRequest<AssetPosition, PublishAck> req) {
        Optional<Principal> who = authorize(req);
        if (who.isEmpty()) {
            return;
        }
        StreamAck total = new StreamAck(req, io.vertx.core.Vertx.currentContext());
        List<AssetPosition> chunk = new ArrayList<>(STREAM_CHUNK);
        req.handler(p -> {
            if (total.refused) {
                return;
            }
            chunk.add(p);
            if (chunk.size() >= STREAM_CHUNK && !total.flush(who.get(), chunk)) {
                exhausted(req.response());
            }
        });
        req.endHandler(v -> {
            if (total.refused) {
                return;
            }
            if (!total.flush(who.get(), chunk)) {
                exhausted(req.response());
                return;
            }
            total.done().onSuccess(ack -> req.response().end(ack)).onFailure(e -> fail(req.response(), e));
        });
        req.exceptionHandler(e -> LOG.log(Level.FINE, "Publish stream error", e));
    }

    /**
     * Accumulates the acknowledgement of a client stream across chunks, and pauses the stream while
     * {@link #MAX_CHUNKS_IN_FLIGHT} chunks wait for the store (HTTP/2 flow control then slows the
     * client instead of the coordinator buffering without bound).
     */
    private final class StreamAck {
        private static final int MAX_CHUNKS_IN_FLIGHT = 4;
        private final GrpcServerRequest<AssetPosition, PublishAck> req;
        private final io.vertx.core.Context context;
        private int inFlight;
        private int nextIndex;
        private boolean refused;
        private io.vertx.core.Future<PublishAck> acc = io.vertx.core.Future.succeededFuture(PublishAck.getDefaultInstance());

        StreamAck(GrpcServerRequest<AssetPosition, PublishAck> req, io.vertx.core.Context context) {
            this.req = req;
            this.context = context;
        }

        /** Stores a chunk; false when the token's rate limit refuses it (the stream then ends). */
        boolean flush(Principal who, List<AssetPosition> chunk) {
            if (chunk.isEmpty()) {
                return true;
            }
            if (!limiter.allow(who, chunk.size())) {
                refused = true;
                chunk.clear();
                return false;
            }
            io.vertx.core.Future<PublishAck> part = ingest.publish(who, List.copyOf(chunk), nextIndex);
            nextIndex += chunk.size();
            chunk.clear();
            if (++inFlight >= MAX_CHUNKS_IN_FLIGHT) {
                req.pause();
            }
            part.onComplete(r -> context.runOnContext(v -> {
                if (inFlight-- == MAX_CHUNKS_IN_FLIGHT) {
                    req.resume();
                }
            }));
            acc = acc.compose(a -> part.map(b -> a.toBuilder()
                    .setAccepted(a.getAccepted() + b.getAccepted())
                    .setRejected(a.getRejected() + b.getRejected())
                    .addAllRejections(b.getRejectionsList()).build()));
            return true;
        }

        io.vertx.core.Future<PublishAck> done() {
            return acc;
        }
    }

    private void exhausted(GrpcServerResponse<?, PublishAck> resp) {
        ingest.throttled();
        resp.status(GrpcStatus.RESOURCE_EXHAUSTED).statusMessage("this token's rate limit is exhausted; slow down and retry")
                .end();
    }

    private static void fail(GrpcServerResponse<?, PublishAck> resp, Throwable e) {
        LOG.log(Level.WARNING, "storing positions failed", e);
        resp.status(GrpcStatus.UNAVAILABLE).statusMessage("positions could not be stored; retry").end();
    }
}
