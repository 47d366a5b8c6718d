package org.rescuemesh.agent.relay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.rescuemesh.agent.mesh.LinkMetrics;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Relay cores with real journals in a field where who hears whom is a function of virtual time.
 * Membership as each node sees it: every other node, alive while in contact, dead otherwise
 * (what SWIM converges to). Sends between nodes in contact arrive at once; others are lost.
 */
final class VirtualField implements AutoCloseable {

    record Hop(long atMs, String from, String to, GossipMessage message) {
    }

    final Path dir;
    final RelayConfig config;
    final Map<String, RelayCore> cores = new LinkedHashMap<>();
    final Map<String, MessageJournal> journals = new LinkedHashMap<>();
    final Map<String, NodeState> profiles = new LinkedHashMap<>();
    final List<Hop> delivered = new ArrayList<>();
    /** (a, b) in contact at the current time; symmetric by construction of the tests. */
    BiPredicate<String, String> contact = (a, b) -> false;
    /** Whether a sees b alive; null: exactly when in contact. SWIM's indirect probes can make them differ. */
    BiPredicate<String, String> seesAlive;
    long now = 1_700_000_000_000L;

    VirtualField(Path dir, RelayConfig config) {
        this.dir = dir;
        this.config = config;
    }

    RelayCore add(String id, String team, NodeKind kind) throws IOException {
        NodeState profile = NodeState.newBuilder().setNodeId(id).setTeam(team).setKind(kind).build();
        profiles.put(id, profile);
        return open(id);
    }

    /** (Re)opens a node from its journal, as after a restart. */
    RelayCore open(String id) throws IOException {
        MessageJournal j = MessageJournal.open(dir.resolve(id).resolve("messages.journal"));
        journals.put(id, j);
        RelayCore core = new RelayCore(id, profiles.get(id), config, j);
        cores.put(id, core);
        return core;
    }

    /** Crash: the node loses everything not on disk. */
    void crash(String id) throws IOException {
        journals.remove(id).close();
        cores.remove(id);
    }

    List<MemberView> membersSeenBy(String self) {
        List<MemberView> out = new ArrayList<>();
        for (Map.Entry<String, NodeState> e : profiles.entrySet()) {
            String id = e.getKey();
            boolean up = id.equals(self) || cores.containsKey(id) && cores.containsKey(self)
                    && (seesAlive != null ? seesAlive : contact).test(self, id);
            LinkMetrics link = up && !id.equals(self)
                    ? new LinkMetrics(5, 1, 0, 1, 1, etx(self, id), now) : LinkMetrics.UNKNOWN;
            out.add(new MemberView(id, up ? NodeStatus.NODE_STATUS_ALIVE : NodeStatus.NODE_STATUS_DEAD, 1,
                    id + ":7946", e.getValue(), link));
        }
        return out;
    }

    /** ETX per pair, 1.0 unless set. */
    final Map<String, Double> etx = new LinkedHashMap<>();

    private double etx(String a, String b) {
        return etx.getOrDefault(a + ">" + b, 1.0);
    }

    void send(String from, List<RelayOut> outs) {
        Deque<Hop> queue = new ArrayDeque<>();
        for (RelayOut o : outs) {
            queue.add(new Hop(now, from, o.peerId(), o.message()));
        }
        while (!queue.isEmpty()) {
            Hop h = queue.poll();
            RelayCore to = cores.get(h.to());
            if (to == null || !cores.containsKey(h.from()) || !contact.test(h.from(), h.to())) {
                continue;
            }
            delivered.add(h);
            if (h.message().hasRelay()) {
                for (RelayOut o : to.onRelay(h.from(), h.message().getRelay(), now)) {
                    queue.add(new Hop(now, h.to(), o.peerId(), o.message()));
                }
            } else if (h.message().hasReceipt()) {
                to.onReceipt(h.from(), h.message().getReceipt(), now);
            }
        }
    }

    /** Ticks every node every {@code stepMs} until {@code untilMs} (virtual time). */
    void runUntil(long untilMs, long stepMs) {
        while (now < untilMs) {
            now += stepMs;
            for (String id : new ArrayList<>(cores.keySet())) {
                RelayCore c = cores.get(id);
                if (c != null) {
                    send(id, c.tick(membersSeenBy(id), now));
                }
            }
        }
    }

    long relayHops(String from, String to) {
        return delivered.stream().filter(h -> h.from().equals(from) && h.to().equals(to) && h.message().hasRelay())
                .count();
    }

    @Override
    public void close() throws IOException {
        for (MessageJournal j : journals.values()) {
            j.close();
        }
    }
}
