package org.rescuemesh.coordinator.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import org.rescuemesh.proto.v1.AssetPositionBatch;
import org.rescuemesh.proto.v1.PositionIngestGrpcClient;
import org.rescuemesh.proto.v1.PublishAck;

/** A gRPC client of {@code PositionIngest} with a bearer token: the simulated agency feed uses it. */
public final class IngestClient implements AutoCloseable {

    /** A call that ended with a non-OK gRPC status. */
    public static final class CallFailed extends RuntimeException {
        private final GrpcStatus status;

        CallFailed(GrpcStatus status, String message) {
            super(status + ": " + message, null, false, false);
            this.status = status;
        }

        public GrpcStatus status() {
            return status;
        }
    }

    private final GrpcClient client;
    private final SocketAddress server;
    private final String token;

    public IngestClient(Vertx vertx, String host, int port, String token) {
        this.client = GrpcClient.client(vertx, new HttpClientOptions().setHttp2ClearTextUpgrade(false));
        this.server = SocketAddress.inetSocketAddress(port, host);
        this.token = token;
    }

    public Future<PublishAck> publishBatch(AssetPositionBatch batch) {
        return client.request(server, PositionIngestGrpcClient.PublishBatch).compose(req -> {
            if (token != null) {
                req.headers().set("authorization", "Bearer " + token);
            }
            return req.send(batch).compose(resp -> resp.last().recover(e -> Future.failedFuture(
                    resp.status() != null && resp.status() != GrpcStatus.OK
                            ? new CallFailed(resp.status(), resp.statusMessage()) : e)));
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
