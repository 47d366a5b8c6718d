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

    private record Delta(long seq, String json) {
    }

    private final String member;
    private final String stream;
    private final int capacity;
    private final Staleness staleness;
    private final ArrayDeque<Delta> replay;
    private final List<ServerWebSocket> sockets = new ArrayList<>();
    private long lastSeq;

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
        JsonObject body = staleness.json(node, System.currentTimeMillis());
        synchronized (this) {
            long seq = ++lastSeq;
            String json = new JsonObject().put("type", "node").put("seq", seq).put("node", body).encode();
            if (replay.size() >= capacity) {
                replay.removeFirst();
            }
            replay.addLast(new Delta(seq, json));
            for (Iterator<ServerWebSocket> it = sockets.iterator(); it.hasNext(); ) {
                ServerWebSocket ws = it.next();
                if (ws.isClosed()) {
                    it.remove();
                } else if (ws.writeQueueFull()) {
                    // A reader this slow would only fall further behind: it resumes with since= when it can keep up.
                    it.remove();
                    ws.close((short) 1013, "too slow; reconnect with since=" + (seq - 1));
                } else {
                    ws.writeTextMessage(json);
                }
            }
        }
    }

    /**
     * Starts serving a socket. {@code since} (may be null) is the last sequence the client has;
     * {@code clientStream} the stream it was on.
     */
    public void attach(ServerWebSocket ws, Long since, String clientStream) {
        synchronized (this) {
            ws.writeTextMessage(new JsonObject().put("type", "hello").put("stream", stream).put("member", member)
                    .put("seq", lastSeq).encode());
            if (since != null) {
                long oldest = replay.isEmpty() ? lastSeq + 1 : replay.peekFirst().seq();
                boolean sameStream = clientStream == null || clientStream.equals(stream);
                if (!sameStream || since < oldest - 1 || since > lastSeq) {
                    ws.writeTextMessage(new JsonObject().put("type", "reload").put("stream", stream).put("seq", lastSeq)
                            .put("reason", !sameStream ? "different stream (another member or a restart)"
                                    : "sequence " + since + " is no longer in the replay buffer").encode());
                } else {
                    for (Delta d : replay) {
                        if (d.seq() > since) {
                            ws.writeTextMessage(d.json());
                        }
                    }
                }
            }
            sockets.add(ws);
        }
        ws.closeHandler(v -> {
            synchronized (this) {
                sockets.remove(ws);
            }
        });
        ws.exceptionHandler(e -> LOG.fine("live socket: " + e.getMessage()));
    }

    public synchronized int connected() {
        return sockets.size();
    }
}
