package org.rescuemesh.coordinator.interop.tak;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.rescuemesh.coordinator.auth.Principal;
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.ingest.IngestService;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.RelayMessage;
import org.rescuemesh.tak.v1.CotEvent;
import org.rescuemesh.tak.v1.Detail;
import org.rescuemesh.tak.v1.TakMessage;

/**
 * The TAK Cursor-on-Target stream port (DESIGN.md 8087), both ways. In: ATAK, WinTAK or a TAK
 * Server streams CoT; every atom becomes an agency position of agency "tak", validated and stored
 * like gRPC ingest. Out: the picture — teams, the command post, agencies' assets — as CoT atoms,
 * the whole picture on connect and then each node's latest state once a second (coalesced: a slow
 * radio link gets the newest position, not a backlog), never echoing a client's own uids back,
 * and never taking our own units back from a client that relays everything. GeoChat ({@code b-t-f})
 * goes into the command post's message store ({@link CotChat}).
 * On connect the coordinator offers TAK protocol 1 ({@code t-x-takp-v}); a client that asks for
 * it ({@code t-x-takp-q}) is told yes ({@code t-x-takp-r}) and both sides then use protobuf
 * frames. The protocol has no credentials: the port is off unless {@code --tak-port} is given.
 */
public final class TakStreamServer {

    private static final Logger LOG = Logger.getLogger(TakStreamServer.class.getName());
    private static final Principal TAK = new Principal("tak", Set.of(Scope.INGEST));
    static final long FLUSH_MS = 1_000;
    /** Uids remembered per client so that its own units are not sent back to it. */
    static final int MAX_OWN_UIDS = 100_000;

    private final IngestService ingest;
    private final Function<RelayMessage, CompletableFuture<?>> messages;
    private final Supplier<List<NodeState>> picture;
    private final String serverUid;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong chats = new AtomicLong();
    private final AtomicLong chatsSent = new AtomicLong();
    private Vertx vertx;

    /**
     * @param messages  stores a chat in the command post's message store (completes once it is on disk)
     * @param picture   every node now (sent to a client on connect)
     * @param serverUid uid of the coordinator's own control events
     */
    public TakStreamServer(IngestService ingest, Function<RelayMessage, CompletableFuture<?>> messages,
                           Supplier<List<NodeState>> picture, String serverUid) {
        this.ingest = ingest;
        this.messages = messages;
        this.picture = picture;
        this.serverUid = serverUid;
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    public Future<NetServer> listen(Vertx vertx, String host, int port) {
        this.vertx = vertx;
        vertx.setPeriodic(FLUSH_MS, id -> clients.forEach(Client::flush));
        return vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
                .connectHandler(this::serve).listen();
    }

    /** A node changed: every client gets its newest state at the next flush. */
    public void publish(NodeState node) {
        for (Client c : clients) {
            c.offer(node);
        }
    }

    /**
     * Some node changes never reached this server (the picture's feed fell too far behind): every
     * client is offered the whole picture again, coalesced with what already waits for it, so no
     * TAK screen keeps a position the command post has long replaced.
     */
    public void missed(long count) {
        if (vertx == null) {
            return;
        }
        offerWholePicture(clients, "TAK clients after " + count + " missed changes");
    }

    /** Offers every node now to {@code to} (read off the event loop: it asks the cluster). */
    private void offerWholePicture(java.util.Collection<Client> to, String forWhom) {
        vertx.executeBlocking(picture::get).onSuccess(all -> to.forEach(c -> all.forEach(c::offer)))
                .onFailure(e -> LOG.warning("picture for " + forWhom + " not read: " + e.getMessage()));
    }

    /**
     * Sends a message of the command post to every connected client, as a GeoChat to All Chat
     * Rooms (each client in its encoding). Clients that connect later do not get it: TAK keeps no
     * chat history either.
     */
    public void broadcastChat(RelayMessage message, Optional<GeoPosition> commandPost) {
        CotEvent chat = CotChat.fromCommandPost(message, serverUid, commandPost, System.currentTimeMillis());
        for (Client c : clients) {
            synchronized (c) {
                c.socket.write(Buffer.buffer(c.encode(chat)));
            }
        }
        chatsSent.incrementAndGet();
    }

    private void serve(NetSocket socket) {
        Client client = new Client(socket);
        socket.write(Buffer.buffer(control("t-x-takp-v", "<TakProtocolSupport version=\"1\"/>")));
        clients.add(client);
        offerWholePicture(List.of(client), "TAK client " + client.peer); // the whole picture first
        socket.handler(chunk -> client.handle(client.decoder.feed(chunk.getBytes())));
        socket.closeHandler(v -> clients.remove(client));
        socket.exceptionHandler(e -> LOG.fine(() -> "CoT stream from " + client.peer + ": " + e.getMessage()));
    }

    /** One connected TAK client: its decoder, the uids it sends us, and what waits to go to it. */
    private final class Client {
        final NetSocket socket;
        final String peer;
        final CotStreamDecoder decoder = new CotStreamDecoder();
        final Set<String> ownUids = ConcurrentHashMap.newKeySet();
        final Set<String> sentUids = ConcurrentHashMap.newKeySet();
        private final Map<String, NodeState> pending = new LinkedHashMap<>();
        private long index;

        Client(NetSocket socket) {
            this.socket = socket;
            this.peer = String.valueOf(socket.remoteAddress());
        }

        void handle(List<CotStreamDecoder.Item> items) {
            for (CotStreamDecoder.Item item : items) {
                if (item instanceof CotStreamDecoder.Event e) {
                    String uid = e.event().getUid();
                    if (e.event().getType().equals(CotChat.TYPE)) {
                        chat(peer, e.event());
                        continue;
                    }
                    if (sentUids.contains(uid)) {
                        // our own picture coming back (a TAK Server relaying everything): a team member
                        // must not turn into an asset of agency "tak"
                        ignored.incrementAndGet();
                        continue;
                    }
                    if (ownUids.size() < MAX_OWN_UIDS) { // a TAK Server relays many; a flood must not grow without end
                        ownUids.add(uid);
                    }
                    CotAssets.toAsset(e.event()).ifPresentOrElse(a -> store(peer, a, index++), ignored::incrementAndGet);
                } else if (item instanceof CotStreamDecoder.ProtocolRequest r) {
                    boolean yes = r.version() == 1;
                    // the answer goes out in XML, before anything is written in the new encoding
                    synchronized (this) {
                        socket.write(Buffer.buffer(control("t-x-takp-r", "<TakResponse status=\"" + yes + "\"/>")));
                        handle(yes ? decoder.protocolAccepted() : decoder.protocolRefused());
                    }
                } else if (item instanceof CotStreamDecoder.Rejected r) {
                    rejected.incrementAndGet();
                    LOG.fine(() -> "CoT from " + peer + " skipped: " + r.reason());
                }
            }
        }

        synchronized void offer(NodeState node) {
            if (!ownUids.contains(node.getNodeId())) {
                pending.put(node.getNodeId(), node);
            }
        }

        synchronized void flush() {
            if (pending.isEmpty() || socket.writeQueueFull()) {
                return; // a slow link: the states keep coalescing until it drains
            }
            List<NodeState> batch = new ArrayList<>(pending.values());
            pending.clear();
            Instant now = Instant.now();
            Buffer out = Buffer.buffer();
            for (NodeState n : batch) {
                CotPicture.toEvent(n, now).ifPresent(e -> {
                    out.appendBytes(encode(e));
                    sentUids.add(e.getUid()); // bounded by the picture's size
                });
            }
            if (out.length() > 0) {
                socket.write(out);
                sent.addAndGet(batch.size());
            }
        }

        private byte[] encode(CotEvent e) {
            return decoder.speaksProtocol1() ? CotStreamDecoder.frame(TakMessage.newBuilder().setCotEvent(e).build())
                    : CotXml.write(e);
        }
    }

    private void chat(String peer, CotEvent event) {
        Optional<RelayMessage> message;
        try {
            message = CotChat.toMessage(event, System.currentTimeMillis());
        } catch (CotException e) {
            rejected.incrementAndGet();
            LOG.fine(() -> "chat from " + peer + " skipped: " + e.getMessage());
            return;
        }
        if (message.isPresent() && message.get().getFromId().equals(serverUid)) {
            ignored.incrementAndGet(); // our own broadcast coming back from a TAK Server
            return;
        }
        message.ifPresentOrElse(m -> messages.apply(m).whenComplete((stored, e) -> {
            if (e == null) {
                chats.incrementAndGet();
            } else {
                rejected.incrementAndGet();
                LOG.warning("chat " + m.getMessageId() + " from " + peer + " not stored: "
                        + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            }
        }), ignored::incrementAndGet);
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
        long now = System.currentTimeMillis();
        return CotXml.write(CotEvent.newBuilder().setUid(serverUid).setType(type).setHow("m-g")
                .setSendTime(now).setStartTime(now).setStaleTime(now + 60_000)
                .setCe(999_999).setLe(999_999)
                .setDetail(Detail.newBuilder().setXmlDetail("<TakControl>" + takControl + "</TakControl>")).build());
    }

    /**
     * Positions stored, refused (unreadable or by validation), events that are neither positions
     * nor chats, node states sent, chats stored, chats broadcast.
     */
    public record Counts(long accepted, long rejected, long ignored, long sent, long chats, long chatsSent) {
    }

    public Counts counts() {
        return new Counts(accepted.get(), rejected.get(), ignored.get(), sent.get(), chats.get(), chatsSent.get());
    }
}
