package org.rescuemesh.gossip.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.rescuemesh.gossip.Datagram;
import org.rescuemesh.gossip.GossipListener;
import org.rescuemesh.gossip.MemberTable;
import org.rescuemesh.gossip.NodeIdIndex;
import org.rescuemesh.gossip.SwimNode;
import org.rescuemesh.gossip.SwimStats;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.MemberState;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Discrete-event run of N {@link SwimNode}s (the production core, unchanged) over a
 * {@link NetworkModel}, in virtual milliseconds. Envelopes are handed over by reference, never
 * serialized; their size on the wire is protobuf's exact serialized size plus the codec overhead.
 * Node ids map to slots 0..N-1 of one shared {@link NodeIdIndex}, so member tables are arrays.
 */
public final class Simulation {

    private final SimScenario scenario;
    private final int n;
    private final SwimNode[] nodes;
    private final String[] addresses;
    private final Map<String, Integer> byAddress;
    private final NodeIdIndex index = new NodeIdIndex();
    private final EventQueue events = new EventQueue();
    private final NetworkModel network;
    private final SplittableRandom random;
    private final long[] tickAt;
    private final boolean[] down;
    private final Observer observer = new Observer();
    private final double setupS;
    private int liveNodes;
    private long now;

    // traffic
    private long udpBytes;
    private long streamBytes;
    private long maxFrameBytes;
    private long framesOverBudget;
    private long datagramsLost;
    private long eventsProcessed;

    public Simulation(SimScenario scenario) {
        long setupStart = System.nanoTime();
        this.scenario = scenario;
        this.n = scenario.nodes();
        this.random = new SplittableRandom(scenario.seed());
        this.network = new NetworkModel(scenario, random.split());
        this.nodes = new SwimNode[n];
        this.addresses = new String[n];
        this.byAddress = new HashMap<>(n * 2);
        this.tickAt = new long[n];
        this.down = new boolean[n];
        MemberState[] initial = new MemberState[n];
        for (int i = 0; i < n; i++) {
            String id = "n" + i;
            addresses[i] = "sim-" + i + ":7946";
            byAddress.put(addresses[i], i);
            index.slotOf(id);
            initial[i] = MemberState.newBuilder().setNodeId(id).setAddr(addresses[i]).setIncarnation(0)
                    .setStatus(NodeStatus.NODE_STATUS_ALIVE).build();
        }
        for (int i = 0; i < n; i++) {
            nodes[i] = new SwimNode("n" + i, addresses[i], scenario.config(), scenario.overheadBytes(), index,
                    random.split(), 0);
        }
        // start converged: everyone knows everyone (records shared, as received by reference)
        for (int i = 0; i < n; i++) {
            SwimNode node = nodes[i];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    node.bootstrap(initial[j]);
                }
            }
            node.setListener(observer);
        }
        liveNodes = n;
        setupS = (System.nanoTime() - setupStart) / 1e9;
    }

    /** Runs the scenario to its end and returns the figures. */
    public SimReport run() {
        long wallStart = System.nanoTime();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.isCurrentThreadCpuTimeSupported() ? cpu.getCurrentThreadCpuTime() : -1;
        for (int i = 0; i < n; i++) {
            tickAt[i] = Long.MAX_VALUE;
            reschedule(i, 0);
        }
        scheduleKills();
        scheduleUpdates();
        if (scenario.partitionStartMs() < scenario.durationMs()) {
            events.push(scenario.partitionEndMs(), EventQueue.ACTION, -1, -1, (Runnable) observer::healStarted);
        }
        long end = scenario.durationMs();
        while (!events.isEmpty() && events.peekTime() <= end) {
            events.pop();
            now = events.topTime;
            eventsProcessed++;
            switch (events.topKind) {
                case EventQueue.DELIVER -> deliver(events.topNode, events.topFrom, (Envelope) events.topPayload);
                case EventQueue.TICK -> tick(events.topNode);
                default -> ((Runnable) events.topPayload).run();
            }
        }
        double wallS = (System.nanoTime() - wallStart) / 1e9;
        double cpuS = cpuStart < 0 ? Double.NaN : (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return report(wallS, cpuS);
    }

    private void deliver(int dest, int from, Envelope envelope) {
        if (down[dest]) {
            return;
        }
        route(dest, nodes[dest].onMessage(addresses[from], envelope, now));
        reschedule(dest, now);
    }

    private void tick(int node) {
        if (down[node] || tickAt[node] != now) {
            return;
        }
        tickAt[node] = Long.MAX_VALUE;
        route(node, nodes[node].tick(now));
        reschedule(node, now + 1);
    }

    private void reschedule(int node, long earliest) {
        long next = Math.max(nodes[node].nextDeadlineMs(), earliest);
        if (next < tickAt[node] && next <= scenario.durationMs()) {
            tickAt[node] = next;
            events.push(next, EventQueue.TICK, node, node, null);
        }
    }

    private void route(int src, List<Datagram> out) {
        for (int i = 0, size = out.size(); i < size; i++) {
            Datagram d = out.get(i);
            int bytes = d.envelope().getSerializedSize() + scenario.overheadBytes();
            Integer dest = byAddress.get(d.address());
            if (d.stream()) {
                streamBytes += bytes;
                if (dest != null && !network.partitioned(src, dest, now)) {
                    // TCP: connection set-up plus the transfer, never lost
                    events.push(now + 3 * network.latencyMs(), EventQueue.DELIVER, dest, src, d.envelope());
                }
                continue;
            }
            udpBytes += bytes;
            maxFrameBytes = Math.max(maxFrameBytes, bytes);
            if (bytes > scenario.config().maxFrameBytes()) {
                framesOverBudget++;
            }
            if (dest == null || network.partitioned(src, dest, now) || network.lost(src, dest)) {
                datagramsLost++;
                continue;
            }
            events.push(now + network.latencyMs(), EventQueue.DELIVER, dest, src, d.envelope());
        }
    }

    private void scheduleKills() {
        int kills = scenario.kills();
        if (kills == 0) {
            return;
        }
        long d = scenario.durationMs();
        long from = d / 5;
        long to = d * 7 / 10;
        Set<Integer> chosen = new HashSet<>();
        for (int k = 0; k < kills; k++) {
            int victim;
            do {
                victim = random.nextInt(n);
            } while (!chosen.add(victim));
            long at = kills == 1 ? from : from + (to - from) * k / (kills - 1);
            final int v = victim;
            events.push(at, EventQueue.ACTION, v, v, (Runnable) () -> kill(v));
        }
    }

    private void scheduleUpdates() {
        if (scenario.updatesPerS() <= 0) {
            return;
        }
        long margin = Math.max(30_000, 60 * scenario.config().gossipIntervalMs());
        long last = scenario.durationMs() - margin;
        long t = 0;
        int seq = 0;
        while (true) {
            t += (long) (-Math.log(1 - random.nextDouble()) / scenario.updatesPerS() * 1000.0);
            if (t > last) {
                break;
            }
            final int s = ++seq;
            events.push(t, EventQueue.ACTION, -1, -1, (Runnable) () -> publishUpdate(s));
        }
    }

    private void publishUpdate(int seq) {
        for (int attempt = 0; attempt < 16; attempt++) {
            int x = random.nextInt(n);
            if (down[x] || observer.convInc.containsKey(x)) {
                continue;
            }
            NodeState state = NodeState.newBuilder().setNodeId("n" + x).setBatteryPct(seq % 100).build();
            nodes[x].publishLocalState(state, now);
            observer.convInc.put(x, nodes[x].incarnation());
            observer.convStart.put(x, now);
            observer.convCount.put(x, 0);
            reschedule(x, now);
            return;
        }
    }

    private void kill(int victim) {
        if (down[victim]) {
            return;
        }
        observer.beforeKill(victim);
        down[victim] = true;
        liveNodes--;
        observer.afterKill(victim);
    }

    private static boolean gone(MemberState r) {
        return r != null && (r.getStatus() == NodeStatus.NODE_STATUS_DEAD || r.getStatus() == NodeStatus.NODE_STATUS_LEFT);
    }

    /** Figures collected from every node's member changes. */
    private final class Observer implements GossipListener {
        final Map<Integer, Long> convInc = new HashMap<>();
        final Map<Integer, Long> convStart = new HashMap<>();
        final Map<Integer, Integer> convCount = new HashMap<>();
        final List<Double> convRounds = new ArrayList<>();
        final Map<Integer, Long> killAt = new HashMap<>();
        final Map<Integer, Integer> deadCount = new HashMap<>();
        final List<Double> detection = new ArrayList<>();
        final List<Double> firstDetection = new ArrayList<>();
        final Set<Long> falseDeadIncidents = new HashSet<>();
        long falseDeadMarks;
        long wrongViews;
        long healStartMs = -1;
        long healDoneMs = -1;

        @Override
        public void memberChanged(MemberState previous, MemberState current, long nowMs) {
            int x = index.find(current.getNodeId());
            if (x < 0 || x >= n) {
                return;
            }
            boolean wasGone = gone(previous);
            boolean isGone = gone(current);
            if (down[x]) {
                Long killed = killAt.get(x);
                if (killed != null && isGone && !wasGone) {
                    int count = deadCount.merge(x, 1, Integer::sum);
                    if (count == 1) {
                        firstDetection.add((nowMs - killed) / 1000.0);
                    }
                    checkDetected(x);
                }
                return;
            }
            boolean wasLive = previous != null && MemberTable.isLive(previous.getStatus());
            boolean isLive = MemberTable.isLive(current.getStatus());
            if (current.getStatus() == NodeStatus.NODE_STATUS_DEAD && !wasGone) {
                if ((!network.partitionActive(nowMs) && healStartMs < 0) || healDoneMs >= 0) {
                    falseDeadMarks++;
                    falseDeadIncidents.add(((long) x << 32) | current.getIncarnation());
                }
            }
            if (wasLive && !isLive) {
                wrongViews++;
            } else if (previous != null && !wasLive && isLive) {
                wrongViews--;
                if (wrongViews == 0 && healStartMs >= 0 && healDoneMs < 0) {
                    healDoneMs = nowMs;
                }
            }
            Long target = convInc.get(x);
            if (target != null && current.getIncarnation() >= target
                    && (previous == null || previous.getIncarnation() < target)) {
                convCount.merge(x, 1, Integer::sum);
                checkConverged(x);
            }
        }

        void checkConverged(int x) {
            Integer count = convCount.get(x);
            if (count == null) {
                return;
            }
            int needed = (int) Math.ceil(0.999 * (liveNodes - 1));
            if (count >= needed) {
                convRounds.add((now - convStart.get(x)) / (double) scenario.config().gossipIntervalMs());
                convInc.remove(x);
                convStart.remove(x);
                convCount.remove(x);
            }
        }

        void checkDetected(int x) {
            Integer count = deadCount.get(x);
            Long killed = killAt.get(x);
            if (count != null && killed != null && count >= liveNodes) {
                detection.add((now - killed) / 1000.0);
                killAt.remove(x);
                deadCount.remove(x);
            }
        }

        void healStarted() {
            healStartMs = now;
            if (wrongViews == 0) {
                healDoneMs = now;
            }
        }

        void beforeKill(int y) {
            SwimNode victim = nodes[y];
            // the victim's own views stop counting
            for (int z = 0; z < n; z++) {
                if (z == y || down[z]) {
                    continue;
                }
                MemberState seen = victim.memberAt(z);
                if (seen != null && !MemberTable.isLive(seen.getStatus())) {
                    wrongViews--;
                }
                // and views of the victim stop counting too
                MemberState aboutVictim = nodes[z].memberAt(y);
                if (aboutVictim != null && !MemberTable.isLive(aboutVictim.getStatus())) {
                    wrongViews--;
                }
            }
            for (Map.Entry<Integer, Long> e : new ArrayList<>(killAt.entrySet())) {
                if (gone(victim.memberAt(e.getKey()))) {
                    deadCount.merge(e.getKey(), -1, Integer::sum);
                }
            }
            for (Map.Entry<Integer, Long> e : new ArrayList<>(convInc.entrySet())) {
                MemberState seen = victim.memberAt(e.getKey());
                if (seen != null && seen.getIncarnation() >= e.getValue()) {
                    convCount.merge(e.getKey(), -1, Integer::sum);
                }
            }
            convInc.remove(y);
            convStart.remove(y);
            convCount.remove(y);
        }

        void afterKill(int y) {
            killAt.put(y, now);
            int count = 0;
            for (int z = 0; z < n; z++) {
                if (!down[z] && gone(nodes[z].memberAt(y))) {
                    count++;
                }
            }
            deadCount.put(y, count);
            for (Integer x : new ArrayList<>(killAt.keySet())) {
                checkDetected(x);
            }
            for (Integer x : new ArrayList<>(convInc.keySet())) {
                checkConverged(x);
            }
        }
    }

    private SimReport report(double wallS, double cpuS) {
        long probes = 0;
        long suspicions = 0;
        long refutations = 0;
        long deadDeclared = 0;
        double[] duty = new double[n];
        double durationS = scenario.durationMs() / 1000.0;
        for (int i = 0; i < n; i++) {
            SwimStats s = nodes[i].stats();
            probes += s.probes;
            suspicions += s.suspicionsRaised;
            refutations += s.refutations;
            deadDeclared += s.deadDeclared;
            duty[i] = nodes[i].airtimeSpentMs() / scenario.durationMs();
        }
        java.util.Arrays.sort(duty);
        return new SimReport(
                scenario,
                n * durationS / 3600.0,
                SimReport.percentile(observer.convRounds, 0.50),
                SimReport.percentile(observer.convRounds, 0.99),
                observer.convRounds.size(),
                observer.convInc.size(),
                SimReport.percentile(observer.firstDetection, 0.50),
                SimReport.percentile(observer.detection, 0.50),
                SimReport.percentile(observer.detection, 0.99),
                observer.detection.size(),
                observer.killAt.size(),
                observer.falseDeadIncidents.size(),
                observer.falseDeadMarks,
                probes == 0 ? 0 : (double) suspicions / probes,
                refutations,
                deadDeclared,
                (udpBytes + streamBytes) / (n * durationS),
                udpBytes / (n * durationS),
                streamBytes / (n * durationS),
                maxFrameBytes,
                framesOverBudget,
                100.0 * duty[n - 1],
                100.0 * duty[n / 2],
                observer.healStartMs < 0 ? Double.NaN
                        : observer.healDoneMs < 0 ? Double.POSITIVE_INFINITY
                        : (observer.healDoneMs - observer.healStartMs) / 1000.0,
                datagramsLost,
                eventsProcessed,
                wallS,
                cpuS,
                setupS);
    }
}
