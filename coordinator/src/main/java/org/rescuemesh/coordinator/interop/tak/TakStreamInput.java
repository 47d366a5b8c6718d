package org.rescuemesh.coordinator.interop.tak;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.rescuemesh.coordinator.auth.Principal;
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.ingest.IngestService;
import org.rescuemesh.proto.v1.AssetPosition;

/**
 * The TAK Cursor-on-Target stream input (DESIGN.md port 8087): ATAK, WinTAK or a TAK Server
 * connects over TCP and streams CoT; every atom becomes an agency position of agency "tak" and
 * goes through the same validation and storage as gRPC ingest. On connect the coordinator offers
 * TAK protocol 1 ({@code t-x-takp-v}); a client that asks for it ({@code t-x-takp-q}) is told yes
 * ({@code t-x-takp-r}) and may then send protobuf frames. The protocol has no credentials: it is
 * off unless {@code --tak-port} is given, and belongs on the command post's own network.
 */
public final class TakStreamInput {

    private static final Logger LOG = Logger.getLogger(TakStreamInput.class.getName());
    private static final Principal TAK = new Principal("tak", Set.of(Scope.INGEST));

    private final IngestService ingest;
    private final String serverUid;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    public TakStreamInput(IngestService ingest, String serverUid) {
        this.ingest = ingest;
        this.serverUid = serverUid;
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    public Future<NetServer> listen(Vertx vertx, String host, int port) {
        return vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
                .connectHandler(this::serve).listen();
    }

    private void serve(NetSocket socket) {
        CotStreamDecoder decoder = new CotStreamDecoder();
        String peer = String.valueOf(socket.remoteAddress());
        long[] index = {0};
        socket.write(Buffer.buffer(control("t-x-takp-v", "<TakProtocolSupport version=\"1\"/>")));
        socket.handler(chunk -> handle(socket, decoder, peer, index, decoder.feed(chunk.getBytes())));
        socket.exceptionHandler(e -> LOG.fine(() -> "CoT stream from " + peer + ": " + e.getMessage()));
    }

    private void handle(NetSocket socket, CotStreamDecoder decoder, String peer, long[] index,
                        List<CotStreamDecoder.Item> items) {
        for (CotStreamDecoder.Item item : items) {
            if (item instanceof CotStreamDecoder.Event e) {
                CotAssets.toAsset(e.event()).ifPresentOrElse(a -> store(peer, a, index[0]++), ignored::incrementAndGet);
            } else if (item instanceof CotStreamDecoder.ProtocolRequest r) {
                boolean yes = r.version() == 1;
                socket.write(Buffer.buffer(control("t-x-takp-r", "<TakResponse status=\"" + yes + "\"/>")));
                handle(socket, decoder, peer, index, yes ? decoder.protocolAccepted() : decoder.protocolRefused());
            } else if (item instanceof CotStreamDecoder.Rejected r) {
                rejected.incrementAndGet();
                LOG.fine(() -> "CoT from " + peer + " skipped: " + r.reason());
            }
        }
    }

    private void store(String peer, AssetPosition position, long index) {
        ingest.publish(TAK, List.of(position), (int) Math.min(index, Integer.MAX_VALUE)).onSuccess(ack -> {
            accepted.addAndGet(ack.getAccepted());
            if (ack.getRejected() > 0) {
                rejected.addAndGet(ack.getRejected());
                LOG.fine(() -> "CoT " + position.getAssetId() + " from " + peer + " refused: "
                        + ack.getRejections(0).getField() + " " + ack.getRejections(0).getReason());
            }
        }).onFailure(e -> {
            rejected.incrementAndGet();
            LOG.warning("CoT " + position.getAssetId() + " from " + peer + " not stored: " + e.getMessage());
        });
    }

    /** A TAK protocol control event from this coordinator. */
    private byte[] control(String type, String takControl) {
        Instant now = Instant.now();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<event version=\"2.0\" uid=\"" + serverUid + "\" type=\"" + type + "\" how=\"m-g\" time=\"" + now
                + "\" start=\"" + now + "\" stale=\"" + now.plusSeconds(60) + "\">"
                + "<point lat=\"0.0\" lon=\"0.0\" hae=\"0.0\" ce=\"999999\" le=\"999999\"/>"
                + "<detail><TakControl>" + takControl + "</TakControl></detail></event>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** Positions stored, refused (unreadable, or by validation) and events that are not positions. */
    public record Counts(long accepted, long rejected, long ignored) {
    }

    public Counts counts() {
        return new Counts(accepted.get(), rejected.get(), ignored.get());
    }
}
