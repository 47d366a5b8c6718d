package org.rescuemesh.coordinator.interop.meshtastic;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.coordinator.auth.Principal;
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.ingest.IngestService;
import org.rescuemesh.meshtastic.v2.Data;
import org.rescuemesh.meshtastic.v2.FromRadio;
import org.rescuemesh.meshtastic.v2.Heartbeat;
import org.rescuemesh.meshtastic.v2.MeshPacket;
import org.rescuemesh.meshtastic.v2.PortNum;
import org.rescuemesh.meshtastic.v2.ToRadio;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.RelayMessage;

/**
 * The command post's Meshtastic radio, over its client API (TCP, port 4403 by default — what the
 * phone apps use on Wi-Fi boards): asks for the node database, then stores every position the
 * radio hears as an agency position of agency "meshtastic", and every text message in the command
 * post's message store; the command post's messages to everyone go out on the radio's primary
 * channel ({@link #broadcastText}). Keeps the connection open with
 * heartbeats and reconnects with back-off when the radio reboots or walks out of Wi-Fi range, so
 * the coordinator can start before the radio does. A radio speaks to one API client at a time.
 */
public final class MeshtasticRadioLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MeshtasticRadioLink.class.getName());
    private static final Principal MESHTASTIC = new Principal(MeshtasticPositions.SOURCE, Set.of(Scope.INGEST));
    /** The default client API port of Meshtastic firmware. */
    public static final int DEFAULT_PORT = 4403;
    /** Radios drop an API client they have not heard from in a few minutes. */
    static final long HEARTBEAT_MS = 60_000;
    static final long FIRST_RETRY_MS = 500;
    static final long MAX_RETRY_MS = 10_000;
    /** Node number meaning everyone. */
    static final int BROADCAST = 0xffffffff;
    /** Payload of one LoRa packet (the firmware's DATA_PAYLOAD_LEN). */
    static final int MAX_TEXT_BYTES = 233;
    static final int MAX_WAITING_TEXTS = 32;

    private final Vertx vertx;
    private final IngestService ingest;
    private final Function<RelayMessage, CompletableFuture<?>> messages;
    private final String host;
    private final int port;
    private final NetClient client;
    /** Every step of this link runs on this one context (one thread): no locks on its state. */
    private final Context context;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong texts = new AtomicLong();
    private final AtomicLong textsSent = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile NetSocket socket;
    private volatile boolean closed;
    private volatile boolean configured;
    private final Deque<String> waitingTexts = new ArrayDeque<>();
    private long retryMs = FIRST_RETRY_MS;
    private long heartbeatTimer = -1;
    private long index;

    private MeshtasticRadioLink(Vertx vertx, IngestService ingest, Function<RelayMessage, CompletableFuture<?>> messages,
                                String host, int port) {
        this.vertx = vertx;
        this.ingest = ingest;
        this.messages = messages;
        this.host = host;
        this.port = port;
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5_000).setTcpNoDelay(true));
        this.context = vertx.getOrCreateContext();
    }

    /**
     * Starts connecting to the radio at {@code host:port} (and keeps trying until closed).
     *
     * @param messages stores a text message the radio heard in the command post's message store
     *                 (completes once it is on disk)
     */
    public static MeshtasticRadioLink connect(Vertx vertx, IngestService ingest,
                                              Function<RelayMessage, CompletableFuture<?>> messages, String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Meshtastic radio port must be 1..65535, got " + port);
        }
        MeshtasticRadioLink link = new MeshtasticRadioLink(vertx, ingest, messages, host, port);
        link.context.runOnContext(v -> link.dial());
        return link;
    }

    /**
     * The radios of a {@code --meshtastic} value: comma-separated {@code host} or {@code host:port}
     * (default port {@value #DEFAULT_PORT}), each once.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<InetSocketAddress> parseRadios(String value) {
        List<InetSocketAddress> radios = new ArrayList<>();
        for (String part : value == null ? new String[0] : value.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            boolean hasPort = p.startsWith("[") ? p.contains("]:") : p.chars().filter(c -> c == ':').count() == 1;
            InetSocketAddress a;
            try {
                a = HostPort.parse(hasPort ? p : (p.contains(":") ? "[" + p + "]" : p) + ":" + DEFAULT_PORT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--meshtastic: " + e.getMessage(), e);
            }
            if (a.getPort() == 0) {
                throw new IllegalArgumentException("--meshtastic: '" + p + "': a radio's port cannot be 0");
            }
            if (!radios.contains(a)) { // one link per radio: a radio serves one API client at a time
                radios.add(a);
            }
        }
        return radios;
    }

    private void dial() {
        if (closed) {
            return;
        }
        client.connect(port, host).onSuccess(this::attach).onFailure(e -> {
            LOG.fine(() -> "Meshtastic radio " + host + ":" + port + " not reached: " + e.getMessage());
            retryLater();
        });
    }

    private void attach(NetSocket s) {
        if (closed) {
            s.close();
            return;
        }
        socket = s;
        retryMs = FIRST_RETRY_MS;
        connects.incrementAndGet();
        LOG.info("Meshtastic radio " + host + ":" + port + " connected");
        // a fresh reader per connection: the radio starts over with its node database
        RadioStreamDecoder<FromRadio> decoder = RadioStreamDecoder.fromRadio();
        MeshtasticPositions positions = new MeshtasticPositions();
        s.handler(chunk -> handle(decoder.feed(chunk.getBytes()), positions));
        s.closeHandler(v -> {
            socket = null;
            configured = false;
            vertx.cancelTimer(heartbeatTimer);
            if (!closed) {
                LOG.info("Meshtastic radio " + host + ":" + port + " disconnected; reconnecting");
                retryLater();
            }
        });
        s.exceptionHandler(e -> LOG.fine(() -> "Meshtastic radio " + host + ":" + port + ": " + e.getMessage()));
        int configId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        s.write(Buffer.buffer(RadioStreamDecoder.frame(ToRadio.newBuilder().setWantConfigId(configId).build())));
        heartbeatTimer = vertx.setPeriodic(HEARTBEAT_MS, id -> s.write(Buffer.buffer(RadioStreamDecoder.frame(
                ToRadio.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build()))));
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        long delay = retryMs;
        retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
        vertx.setTimer(delay, id -> dial());
    }

    private void handle(List<RadioStreamDecoder.Item> items, MeshtasticPositions positions) {
        long now = System.currentTimeMillis();
        for (RadioStreamDecoder.Item item : items) {
            if (item instanceof RadioStreamDecoder.Message<?> m && m.message() instanceof FromRadio message) {
                if (message.hasConfigCompleteId()) {
                    configured = true; // the radio takes packets to send now
                    sendWaitingTexts();
                }
                store(message, positions, now);
            } else if (item instanceof RadioStreamDecoder.Rejected r) {
                rejected.incrementAndGet();
                LOG.fine(() -> "Meshtastic frame skipped: " + r.reason());
            }
        }
    }

    private void store(FromRadio message, MeshtasticPositions positions, long now) {
        List<AssetPosition> found;
        try {
            found = positions.read(message, now);
            MeshtasticTexts.toMessage(message, now, positions).ifPresent(this::keep);
        } catch (IllegalArgumentException e) {
            rejected.incrementAndGet();
            LOG.fine(() -> "Meshtastic packet skipped: " + e.getMessage());
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        ingest.publish(MESHTASTIC, found, (int) Math.min(index++, Integer.MAX_VALUE)).onSuccess(ack -> {
            accepted.addAndGet(ack.getAccepted());
            if (ack.getRejected() > 0) {
                rejected.addAndGet(ack.getRejected());
                LOG.info("Meshtastic position of " + found.get(0).getAssetId() + " refused: "
                        + ack.getRejections(0).getField() + " " + ack.getRejections(0).getReason());
            }
        }).onFailure(e -> {
            rejected.addAndGet(found.size());
            LOG.warning("Meshtastic position of " + found.get(0).getAssetId() + " not stored: " + e.getMessage());
        });
    }

    /**
     * Sends {@code text} from the command post's radio to everyone on its primary channel
     * (shortened to what one LoRa packet carries). While the radio is away the text waits, up to
     * {@value #MAX_WAITING_TEXTS} of them, and goes out when it is back.
     */
    public void broadcastText(String text) {
        context.runOnContext(v -> {
            waitingTexts.addLast(text);
            while (waitingTexts.size() > MAX_WAITING_TEXTS) {
                LOG.warning("Meshtastic radio " + host + ":" + port + " away too long: not sending '"
                        + waitingTexts.removeFirst() + "'");
            }
            sendWaitingTexts();
        });
    }

    private void sendWaitingTexts() {
        NetSocket s = socket;
        while (s != null && configured && !waitingTexts.isEmpty()) {
            s.write(Buffer.buffer(RadioStreamDecoder.frame(textPacket(waitingTexts.removeFirst()))));
            textsSent.incrementAndGet();
        }
    }

    /** A broadcast text packet on the primary channel; the radio fills in its own number and the hop limit. */
    static ToRadio textPacket(String text) {
        return ToRadio.newBuilder().setPacket(MeshPacket.newBuilder().setTo(BROADCAST).setChannel(0)
                .setId(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE))
                .setDecoded(Data.newBuilder().setPortnum(PortNum.TEXT_MESSAGE_APP)
                        .setPayload(ByteString.copyFrom(fitToPacket(text))))).build();
    }

    /** The text's UTF-8, cut at a character boundary to what one packet carries. */
    static byte[] fitToPacket(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_TEXT_BYTES) {
            return utf8;
        }
        int end = MAX_TEXT_BYTES - 3; // room for "…"
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // not inside a multi-byte character
        }
        byte[] cut = java.util.Arrays.copyOf(utf8, end + 3);
        System.arraycopy("…".getBytes(StandardCharsets.UTF_8), 0, cut, end, 3);
        return cut;
    }

    private void keep(RelayMessage text) {
        messages.apply(text).whenComplete((stored, e) -> {
            if (e == null) {
                texts.incrementAndGet();
            } else {
                rejected.incrementAndGet();
                LOG.warning("Meshtastic message " + text.getMessageId() + " from " + text.getFromId() + " not stored: "
                        + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            }
        });
    }

    /**
     * Positions stored, text messages stored and sent, frames/packets/positions/messages refused,
     * connections made so far; and whether one is open.
     */
    public record Counts(long accepted, long texts, long textsSent, long rejected, long connects, boolean connected) {
    }

    public Counts counts() {
        return new Counts(accepted.get(), texts.get(), textsSent.get(), rejected.get(), connects.get(), socket != null);
    }

    @Override
    public void close() {
        closed = true;
        NetSocket s = socket;
        if (s != null) {
            s.write(Buffer.buffer(RadioStreamDecoder.frame(ToRadio.newBuilder().setDisconnect(true).build())));
            s.close();
        }
        client.close();
    }
}
