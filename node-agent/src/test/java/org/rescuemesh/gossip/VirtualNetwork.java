package org.rescuemesh.gossip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.rescuemesh.proto.v1.Envelope;

/**
 * In-memory transport for core tests: nodes exchange envelopes with a fixed latency in
 * virtual time; links can be cut, made lossy, or inspected (every datagram is recorded).
 */
final class VirtualNetwork {

    record Sent(long atMs, String from, Datagram datagram) {
    }

    private record Pending(long atMs, long order, String to, String from, Envelope envelope) {
    }

    final NodeIdIndex index = new NodeIdIndex();
    final Map<String, SwimNode> byAddress = new HashMap<>();
    final List<SwimNode> nodes = new ArrayList<>();
    final List<Sent> sent = new ArrayList<>();
    final Set<String> down = new HashSet<>();
    private final PriorityQueue<Pending> inFlight = new PriorityQueue<>((a, b) ->
            a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.order, b.order));
    private final SplittableRandom random;
    private final GossipConfig config;
    private final int overhead;
    private long order;
    long now;
    long latencyMs = 1;
    /** (from, to) addresses whose datagrams are dropped. */
    Predicate<String[]> drop = link -> false;
    double loss;

    VirtualNetwork(GossipConfig config, int overhead, long seed) {
        this.config = config;
        this.overhead = overhead;
        this.random = new SplittableRandom(seed);
    }

    SwimNode add(String id) {
        String address = "10.0.0." + (nodes.size() + 1) + ":7946";
        SwimNode node = new SwimNode(id, address, config, overhead, index, random.split(), now);
        nodes.add(node);
        byAddress.put(address, node);
        return node;
    }

    /** Everyone learns everyone through push-pull joins to the first node. */
    void joinAllThrough(SwimNode seed) {
        for (SwimNode n : nodes) {
            if (n != seed) {
                n.addSeeds(List.of(seed.address()));
            }
        }
    }

    void send(String from, List<Datagram> out) {
        for (Datagram d : out) {
            sent.add(new Sent(now, from, d));
            if (down.contains(d.address()) || drop.test(new String[] {from, d.address()})) {
                continue;
            }
            if (!d.stream() && loss > 0 && random.nextDouble() < loss) {
                continue;
            }
            inFlight.add(new Pending(now + latencyMs, order++, d.address(), from, d.envelope()));
        }
    }

    /** Runs until {@code untilMs}, ticking each node at its deadlines. */
    void runUntil(long untilMs) {
        long sameInstant = 0;
        long lastNow = -1;
        while (true) {
            if (now == lastNow && ++sameInstant > 1_000_000) {
                throw new IllegalStateException("a node keeps asking for ticks at " + now + " ms");
            } else if (now != lastNow) {
                sameInstant = 0;
                lastNow = now;
            }
            long nextTick = Long.MAX_VALUE;
            SwimNode due = null;
            for (SwimNode n : nodes) {
                if (down.contains(n.address())) {
                    continue;
                }
                long d = n.nextDeadlineMs();
                if (d < nextTick) {
                    nextTick = d;
                    due = n;
                }
            }
            Pending p = inFlight.peek();
            long next = Math.min(nextTick, p == null ? Long.MAX_VALUE : p.atMs);
            if (next > untilMs) {
                now = untilMs;
                return;
            }
            now = Math.max(now, next);
            if (p != null && p.atMs <= nextTick) {
                inFlight.poll();
                SwimNode target = byAddress.get(p.to);
                if (target != null && !down.contains(p.to)) {
                    send(p.to, target.onMessage(p.from, p.envelope, now));
                }
            } else {
                send(due.address(), due.tick(now));
            }
        }
    }

    void kill(SwimNode n) {
        down.add(n.address());
    }
}
