package org.rescuemesh.coordinator.ingest;

import io.vertx.core.Future;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.Iterator;
import org.rescuemesh.proto.v1.AssetPosition;
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
        this(vertx, host, port, token, null);
    }

    /** @param trustPem PEM certificate(s) to trust for TLS, or null for plain text */
    public IngestClient(Vertx vertx, String host, int port, String token, Path trustPem) {
        HttpClientOptions options = new HttpClientOptions().setHttp2ClearTextUpgrade(false);
        if (trustPem != null) {
            options.setSsl(true).setUseAlpn(true).setVerifyHost(true)
                    .setTrustOptions(new PemTrustOptions().addCertPath(trustPem.toString()));
        }
        this.client = GrpcClient.client(vertx, options);
        this.server = SocketAddress.inetSocketAddress(port, host);
        this.token = token;
    }

    /**
     * Sends {@code positions} on one {@code Publish} client stream, honouring HTTP/2 flow control,
     * and completes with the server's acknowledgement once the stream is closed.
     */
    public Future<PublishAck> publishStream(Iterator<AssetPosition> positions) {
        return client.request(server, PositionIngestGrpcClient.Publish).compose(req -> {
            if (token != null) {
                req.headers().set("authorization", "Bearer " + token);
            }
            Runnable pump = new Runnable() {
                @Override
                public void run() {
                    while (positions.hasNext()) {
                        req.write(positions.next());
                        if (req.writeQueueFull()) {
                            req.drainHandler(v -> run());
                            return;
                        }
                    }
                    req.end();
                }
            };
            pump.run();
            return req.response().compose(resp -> resp.last().recover(e -> Future.failedFuture(
                    resp.status() != null && resp.status() != GrpcStatus.OK
                            ? new CallFailed(resp.status(), resp.statusMessage()) : e)));
        });
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
