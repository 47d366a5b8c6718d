package org.rescuemesh.coordinator.http;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Logger;
import org.rescuemesh.proto.v1.NodeState;

/**
 * The {@code /api/v1/live} WebSocket: every node change in the cluster as a JSON delta
 * {@code {"type":"node","seq":N,"node":{…}}}.
 *
 * <p>Sequence numbers are per member and per start of that member: the first message on a
 * socket, {@code {"type":"hello","stream":S,"member":M,"seq":LAST}}, names the stream. A Hazelcast
 * cluster-wide counter would cost a round trip per delta for nothing a client needs: each member
 * receives every change of the cluster, so one member's stream is complete on its own. A client
 * that reconnects to the same member with {@code ?since=N&stream=S} first receives exactly the
 * deltas after N from a bounded replay buffer; when N is no longer in the buffer, or the stream
 * differs (another member, or a restart), it is told {@code {"type":"reload",…}} — fetch
 * {@code /api/v1/nodes} again — and then continues live.
 */
public final class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());

    /** A numbered change; its JSON is made when first sent (nobody may be listening). */
    private final class Delta {
        final long seq;
        final NodeState node;
        final long atMs;
        String json;

        Delta(long seq, NodeState node, long atMs) {
            this.seq = seq;
            this.node = node;
            this.atMs = atMs;
        }

        String json() {
            if (json == null) {
                json = new JsonObject().put("type", "node").put("seq", seq).put("node", staleness.json(node, atMs)).encode();
            }
            return json;
        }
    }

    /**
     * Deltas written to a socket but not yet flushed to it, beyond which its reader counts as too
     * slow. Counted here rather than with writeQueueFull(), which measures Vert.x's queue for
     * writes from other threads (ours come from Hazelcast's event threads) and fills after a
     * handful of messages.
     */
    private static final int MAX_UNSENT = 50_000;

    /** A connected socket and its count of unsent deltas. */
    private static final class Subscriber {
        final ServerWebSocket ws;
        final java.util.concurrent.atomic.AtomicInteger unsent = new java.util.concurrent.atomic.AtomicInteger();

        Subscriber(ServerWebSocket ws) {
            this.ws = ws;
        }

        void send(String json) {
            unsent.incrementAndGet();
            ws.writeTextMessage(json).onComplete(r -> unsent.decrementAndGet());
        }
    }

    private final String member;
    private final String stream;
    private final int capacity;
    private final Staleness staleness;
    private final ArrayDeque<Delta> replay;
    private final List<Subscriber> sockets = new ArrayList<>();
    private long lastSeq;
    private long missedChanges;

    public LiveFeed(String member, int capacity, Staleness staleness) {
        if (capacity < 1) {
            throw new IllegalArgumentException("live replay buffer must hold at least one delta");
        }
        this.member = member;
        this.stream = member + "-" + Long.toString(System.currentTimeMillis(), 36);
        this.capacity = capacity;
        this.staleness = staleness;
        this.replay = new ArrayDeque<>(Math.min(capacity, 65_536));
    }

    public String stream() {
        return stream;
    }

    /** Numbers a node change, keeps it for replay and sends it to every connected socket. */
    public void publish(NodeState node) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            long seq = ++lastSeq;
            if (replay.size() >= capacity) {
                replay.removeFirst();
            }
            Delta delta = new Delta(seq, node, now);
            replay.addLast(delta);
            for (Iterator<Subscriber> it = sockets.iterator(); it.hasNext(); ) {
                Subscriber sub = it.next();
                if (sub.ws.isClosed()) {
                    it.remove();
                } else if (sub.unsent.get() >= MAX_UNSENT) {
                    // A reader this slow would only fall further behind: it resumes with since= when it can keep up.
                    it.remove();
                    sub.ws.close((short) 1013, "too slow; reconnect with since=" + (seq - 1));
                } else {
                    sub.send(delta.json());
                }
            }
        }
    }

    /**
     * Some node changes never reached this feed (it fell too far behind): every connected client is
     * told to reload, and a client resuming from before the gap is told so too (the replay buffer
     * starts after it). A sequence number is skipped to mark the gap.
     */
    public void missed(long count) {
        long before;
        long total;
        synchronized (this) {
            lastSeq++;
            replay.clear();
            before = missedChanges;
            missedChanges += count;
            total = missedChanges;
            String reload = new JsonObject().put("type", "reload").put("stream", stream).put("seq", lastSeq)
                    .put("reason", count + " node change(s) did not reach this live feed (too far behind)").encode();
            for (Iterator<Subscriber> it = sockets.iterator(); it.hasNext(); ) {
                Subscriber sub = it.next();
                if (sub.ws.isClosed()) {
                    it.remove();
                } else {
                    sub.send(reload);
                }
            }
        }
        // logged when the total reaches another power of ten: under lasting overload a line per gap would flood the log
        if (before == 0 || Long.toString(before).length() < Long.toString(total).length()) {
            LOG.warning(count + " node changes missed by the live feed (" + total + " so far); its clients were told to reload");
        }
    }

    /** Node changes that never reached this feed. */
    public synchronized long missedChanges() {
        return missedChanges;
    }

    /**
     * Starts serving a socket. {@code since} (may be null) is the last sequence the client has;
     * {@code clientStream} the stream it was on.
     */
    public void attach(ServerWebSocket ws, Long since, String clientStream) {
        Subscriber sub = new Subscriber(ws);
        synchronized (this) {
            sub.send(new JsonObject().put("type", "hello").put("stream", stream).put("member", member)
                    .put("seq", lastSeq).encode());
            if (since != null) {
                long oldest = replay.isEmpty() ? lastSeq + 1 : replay.peekFirst().seq;
                boolean sameStream = clientStream == null || clientStream.equals(stream);
                if (!sameStream || since < oldest - 1 || since > lastSeq) {
                    sub.send(new JsonObject().put("type", "reload").put("stream", stream).put("seq", lastSeq)
                            .put("reason", !sameStream ? "different stream (another member or a restart)"
                                    : "sequence " + since + " is no longer in the replay buffer").encode());
                } else {
                    for (Delta d : replay) {
                        if (d.seq > since) {
                            sub.send(d.json());
                        }
                    }
                }
            }
            sockets.add(sub);
        }
        ws.closeHandler(v -> {
            synchronized (this) {
                sockets.remove(sub);
            }
        });
        ws.exceptionHandler(e -> LOG.fine("live socket: " + e.getMessage()));
    }

    public synchronized int connected() {
        return sockets.size();
    }
}
