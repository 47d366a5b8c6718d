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
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.PositionIngestGrpcService;
import org.rescuemesh.proto.v1.PublishAck;

/** The gRPC front door of {@link IngestService}: {@code rescuemesh.v1.PositionIngest}. */
public final class GrpcIngest {

    private static final Logger LOG = Logger.getLogger(GrpcIngest.class.getName());
    /** Positions of a stream are stored in chunks of this size while the stream runs. */
    private static final int STREAM_CHUNK = 1_000;

    private final IngestService ingest;
    private final TokenRegistry tokens;

    public GrpcIngest(IngestService ingest, TokenRegistry tokens) {
        this.ingest = ingest;
        this.tokens = tokens;
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
        StreamAck total = new StreamAck();
        List<AssetPosition> chunk = new ArrayList<>(STREAM_CHUNK);
        req.handler(p -> {
            chunk.add(p);
            if (chunk.size() >= STREAM_CHUNK) {
                total.flush(who.get(), chunk);
            }
        });
        req.endHandler(v -> {
            total.flush(who.get(), chunk);
            total.done().onSuccess(ack -> req.response().end(ack)).onFailure(e -> fail(req.response(), e));
        });
        req.exceptionHandler(e -> LOG.log(Level.FINE, "Publish stream error", e));
    }

    /** Accumulates the acknowledgement of a client stream across chunks. */
    private final class StreamAck {
        private int nextIndex;
        private io.vertx.core.Future<PublishAck> acc = io.vertx.core.Future.succeededFuture(PublishAck.getDefaultInstance());

        void flush(Principal who, List<AssetPosition> chunk) {
            if (chunk.isEmpty()) {
                return;
            }
            io.vertx.core.Future<PublishAck> part = ingest.publish(who, List.copyOf(chunk), nextIndex);
            nextIndex += chunk.size();
            chunk.clear();
            acc = acc.compose(a -> part.map(b -> a.toBuilder()
                    .setAccepted(a.getAccepted() + b.getAccepted())
                    .setRejected(a.getRejected() + b.getRejected())
                    .addAllRejections(b.getRejectionsList()).build()));
        }

        io.vertx.core.Future<PublishAck> done() {
            return acc;
        }
    }

    private static void fail(GrpcServerResponse<?, PublishAck> resp, Throwable e) {
        LOG.log(Level.WARNING, "storing positions failed", e);
        resp.status(GrpcStatus.UNAVAILABLE).statusMessage("positions could not be stored; retry").end();
    }
}
