package org.rescuemesh.gossip.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.rescuemesh.gossip.Datagram;
import org.rescuemesh.gossip.FrameBudget;
import org.rescuemesh.gossip.GossipListener;
import org.rescuemesh.gossip.MemberRecords;
import org.rescuemesh.gossip.MemberTable;
import org.rescuemesh.gossip.NodeIdIndex;
import org.rescuemesh.gossip.SwimNode;
import org.rescuemesh.gossip.SwimStats;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.MemberState;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Discrete-event run of N {@link SwimNode}s (the production core, unchanged) over a
 * {@link NetworkModel}, in virtual milliseconds. Envelopes are handed over by reference, never
 * serialized; their size on the wire is protobuf's exact serialized size plus the codec overhead.
 * Node ids map to slots 0..N-1 of one shared {@link NodeIdIndex}, so member tables are arrays.
 *
 * <p>Several threads: the events due in one millisecond are handled in a batch. The nodes are
 * dealt into shares ({@code node % shares}); a thread claims a whole share and runs its nodes'
 * events of the batch in queue order — a node's work reads and writes only its own state and
 * the immutable messages it received, and no frame sent in a millisecond arrives in that same
 * batch. The main thread claims shares too, so when the machine is busy and a helper is slow to
 * wake, the main thread simply does the rest itself instead of waiting. The results (frames,
 * member-change callbacks, the node's next tick) are recorded per event, and the main thread then
 * replays them in queue order: it draws the network's losses and latencies, queues the
 * deliveries and feeds the observer exactly as a single thread would. So a seed gives the same
 * figures whatever the thread count.
 */
public final class Simulation {

    /** Batches smaller than this run on the main thread alone (handing over would cost more). */
    private static final int PARALLEL_MIN_BATCH = 24;
    private final int parallelMinBatch;

    private final SimScenario scenario;
    private final int n;
    private final SwimNode[] nodes;
    private final String[] addresses;
    private final String[] ids;
    /** Address → node number (slot i is node i): the same open-addressing dictionary as node ids. */
    private final NodeIdIndex byAddress = new NodeIdIndex();
    private final NodeIdIndex index = new NodeIdIndex();
    private final EventQueue events = new EventQueue();
    private final int threads;
    /** Units of work per batch: a few per thread, so a late helper still finds some. */
    private final int shares;
    private final Batch batch = new Batch();
    private final CallRecorder[] recorders;
    private final NetworkModel network;
    private final SplittableRandom random;
    private final long[] tickAt;
    private final boolean[] down;
    private final Observer observer;
    private final double setupS;
    private int liveNodes;
    private long now;

    // traffic
    private long udpBytes;
    private long streamBytes;
    private long maxFrameBytes;
    private long framesOverBudget;
    private long datagramsLost;
    private long frameBytes;
    private final long[] partBytes = new long[GossipMessage.BodyCase.values().length];
    private long eventsProcessed;

    /** A single-threaded run. */
    public Simulation(SimScenario scenario) {
        this(scenario, 1);
    }

    /** A run whose nodes are handled by {@code threads} threads (same figures for any count). */
    public Simulation(SimScenario scenario, int threads) {
        this(scenario, threads, PARALLEL_MIN_BATCH);
    }

    /** {@code parallelMinBatch}: smallest batch handed to the helper threads (tests use 1). */
    Simulation(SimScenario scenario, int threads, int parallelMinBatch) {
        this.parallelMinBatch = parallelMinBatch;
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--threads must be in 1..64");
        }
        long setupStart = System.nanoTime();
        this.scenario = scenario;
        this.threads = Math.min(threads, scenario.nodes());
        this.shares = this.threads == 1 ? 1 : Math.min(4 * this.threads, scenario.nodes());
        this.recorders = new CallRecorder[shares];
        for (int w = 0; w < shares; w++) {
            recorders[w] = new CallRecorder();
        }
        this.n = scenario.nodes();
        this.observer = new Observer();
        this.random = new SplittableRandom(scenario.seed());
        this.network = new NetworkModel(scenario, random.split());
        this.nodes = new SwimNode[n];
        this.addresses = new String[n];
        this.tickAt = new long[n];
        this.down = new boolean[n];
        this.ids = new String[n];
        MemberState[] initial = new MemberState[n];
        for (int i = 0; i < n; i++) {
            String id = "n" + i;
            ids[i] = id;
            addresses[i] = "sim-" + i + ":7946";
            byAddress.slotOf(addresses[i]);
            index.slotOf(id);
            initial[i] = MemberState.newBuilder().setNodeId(id).setAddr(addresses[i]).setIncarnation(0)
                    .setStatus(NodeStatus.NODE_STATUS_ALIVE).build();
        }
        MemberRecords records = new MemberRecords(n);
        for (int i = 0; i < n; i++) {
            // the same id String as the index holds: lookups of frame senders hit by reference
            nodes[i] = new SwimNode(ids[i], addresses[i], scenario.config(), scenario.overheadBytes(), index,
                    records, random.split(), 0);
        }
        // start converged: everyone knows everyone (records shared, as received by reference).
        // Each node's table is its own, so the threads fill disjoint sets of nodes.
        Thread[] fillers = new Thread[this.threads - 1];
        for (int t = 1; t < this.threads; t++) {
            final int first = t;
            fillers[t - 1] = new Thread(() -> bootstrapEvery(first, initial), "sim-setup-" + t);
            fillers[t - 1].start();
        }
        bootstrapEvery(0, initial);
        for (Thread t : fillers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building the cluster", e);
            }
        }
        for (int i = 0; i < n; i++) {
            nodes[i].setListener(recorders[i % shares]);
        }
        liveNodes = n;
        setupS = (System.nanoTime() - setupStart) / 1e9;
    }

    private void bootstrapEvery(int first, MemberState[] initial) {
        for (int i = first; i < n; i += threads) {
            SwimNode node = nodes[i];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    node.bootstrap(initial[j]);
                }
            }
        }
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
        Workers workers = threads > 1 ? new Workers() : null;
        try {
            while (!events.isEmpty() && events.peekTime() <= end) {
                now = events.peekTime();
                if (events.peekKind() == EventQueue.ACTION) {
                    events.pop();
                    eventsProcessed++;
                    ((Runnable) events.topPayload).run();
                    continue;
                }
                collectBatch();
                eventsProcessed += batch.size;
                if (workers != null && batch.size >= parallelMinBatch) {
                    workers.runBatch();
                } else {
                    for (int w = 0; w < shares; w++) {
                        runShare(w);
                    }
                }
                replayBatch();
            }
        } finally {
            if (workers != null) {
                workers.stop();
            }
        }
        if (index.size() != n) {
            throw new IllegalStateException("a node met an id the simulator never registered");
        }
        double wallS = (System.nanoTime() - wallStart) / 1e9;
        double cpuS = cpuStart < 0 ? Double.NaN : (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return report(wallS, cpuS);
    }

    /** The deliveries and ticks due now, in queue order, up to the next action. */
    private void collectBatch() {
        batch.clear();
        while (events.hasEventAt(now) && events.peekKind() != EventQueue.ACTION) {
            events.pop();
            batch.add(events.topKind, events.topNode, events.topFrom, events.topPayload);
        }
    }

    /** Runs the batch's events of the nodes in share {@code w}, recording their results. */
    private void runShare(int w) {
        CallRecorder calls = recorders[w];
        for (int e = 0; e < batch.size; e++) {
            int node = batch.node[e];
            if (node % shares != w) {
                continue;
            }
            calls.event = e;
            if (batch.kind[e] == EventQueue.DELIVER) {
                if (down[node]) {
                    continue;
                }
                batch.out[e] = nodes[node].onMessage(addresses[batch.from[e]], (Envelope) batch.payload[e], now);
                batch.tickAt[e] = nextTick(node, now);
            } else {
                if (down[node] || tickAt[node] != now) {
                    continue;
                }
                tickAt[node] = Long.MAX_VALUE;
                batch.out[e] = nodes[node].tick(now);
                batch.tickAt[e] = nextTick(node, now + 1);
            }
        }
    }

    /** Main thread, in queue order: member changes to the observer, frames to the network, next ticks. */
    private void replayBatch() {
        int[] cursor = new int[shares];
        for (int e = 0; e < batch.size; e++) {
            int node = batch.node[e];
            CallRecorder calls = recorders[node % shares];
            int c = cursor[node % shares];
            while (c < calls.size && calls.events[c] == e) {
                observer.memberChanged(calls.previous[c], calls.current[c], calls.nowMs[c]);
                c++;
            }
            cursor[node % shares] = c;
            if (batch.out[e] != null) {
                route(node, batch.out[e]);
            }
            if (batch.tickAt[e] >= 0) {
                events.push(batch.tickAt[e], EventQueue.TICK, node, node, null);
            }
        }
        for (CallRecorder calls : recorders) {
            calls.clear();
        }
    }

    /** The node's next tick if it moves earlier than the one queued (its owner thread only); -1 if not. */
    private long nextTick(int node, long earliest) {
        long next = Math.max(nodes[node].nextDeadlineMs(), earliest);
        if (next < tickAt[node] && next <= scenario.durationMs()) {
            tickAt[node] = next;
            return next;
        }
        return -1;
    }

    /** Outside batches (actions, on the main thread). */
    private void reschedule(int node, long earliest) {
        long next = nextTick(node, earliest);
        if (next >= 0) {
            events.push(next, EventQueue.TICK, node, node, null);
        }
    }

    /** One millisecond's deliveries and ticks, with what handling each produced. */
    private static final class Batch {
        int size;
        byte[] kind = new byte[256];
        int[] node = new int[256];
        int[] from = new int[256];
        Object[] payload = new Object[256];
        List<?>[] out = new List<?>[256];
        long[] tickAt = new long[256];

        void clear() {
            java.util.Arrays.fill(payload, 0, size, null);
            java.util.Arrays.fill(out, 0, size, null);
            size = 0;
        }

        void add(byte k, int n, int f, Object p) {
            if (size == kind.length) {
                int cap = size * 2;
                kind = java.util.Arrays.copyOf(kind, cap);
                node = java.util.Arrays.copyOf(node, cap);
                from = java.util.Arrays.copyOf(from, cap);
                payload = java.util.Arrays.copyOf(payload, cap);
                out = java.util.Arrays.copyOf(out, cap);
                tickAt = java.util.Arrays.copyOf(tickAt, cap);
            }
            kind[size] = k;
            node[size] = n;
            from[size] = f;
            payload[size] = p;
            out[size] = null;
            tickAt[size] = -1;
            size++;
        }
    }

    /**
     * The member-change callbacks of the nodes one thread owns, kept with the index of the event
     * that caused them until the main thread replays them in order. Outside a batch (kills and
     * published updates run on the main thread) callbacks go straight to the observer.
     */
    private final class CallRecorder implements GossipListener {
        int event = -1;
        int size;
        int[] events = new int[64];
        MemberState[] previous = new MemberState[64];
        MemberState[] current = new MemberState[64];
        long[] nowMs = new long[64];

        @Override
        public void memberChanged(MemberState before, MemberState after, long at) {
            if (event < 0) {
                observer.memberChanged(before, after, at);
                return;
            }
            if (size == events.length) {
                int cap = size * 2;
                events = java.util.Arrays.copyOf(events, cap);
                previous = java.util.Arrays.copyOf(previous, cap);
                current = java.util.Arrays.copyOf(current, cap);
                nowMs = java.util.Arrays.copyOf(nowMs, cap);
            }
            events[size] = event;
            previous[size] = before;
            current[size] = after;
            nowMs[size] = at;
            size++;
        }

        void clear() {
            java.util.Arrays.fill(previous, 0, size, null);
            java.util.Arrays.fill(current, 0, size, null);
            size = 0;
            event = -1;
        }
    }

    /**
     * The helper threads. Per batch the main thread resets two counters and publishes the batch;
     * every thread (main included) claims shares from {@code nextShare} until none is left, and
     * the main thread waits only for shares already claimed to finish. Hand-over by spinning on
     * the counters (a batch lasts microseconds, far less than a park/unpark).
     */
    private final class Workers {
        private final Thread[] helpers = new Thread[threads - 1];
        private final java.util.concurrent.atomic.AtomicInteger nextShare = new java.util.concurrent.atomic.AtomicInteger(shares);
        private final java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        private volatile int published;
        private volatile boolean stopping;
        private volatile Throwable failure;

        Workers() {
            for (int w = 1; w < threads; w++) {
                Thread t = new Thread(this::helperLoop, "sim-worker-" + w);
                t.setDaemon(true);
                helpers[w - 1] = t;
                t.start();
            }
        }

        void runBatch() {
            finished.set(0);
            nextShare.set(0); // publishes the batch to whoever claims a share
            published++;      // wakes the helpers
            claimShares();
            int spins = 0;
            while (finished.get() != shares) {
                spins = pause(spins);
                if (failure != null) {
                    throw new IllegalStateException("simulator worker failed", failure);
                }
            }
        }

        private void claimShares() {
            int share;
            while ((share = nextShare.getAndIncrement()) < shares) {
                runShare(share);
                finished.incrementAndGet(); // publishes the share's results to the main thread
            }
        }

        private void helperLoop() {
            int seen = 0;
            try {
                while (true) {
                    int spins = 0;
                    while (published == seen) {
                        if (stopping) {
                            return;
                        }
                        spins = pause(spins);
                    }
                    seen = published;
                    claimShares();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void stop() {
            stopping = true;
            for (Thread t : helpers) {
                try {
                    t.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Spin briefly, then give the core away: other processes share this machine's cores. */
    private static int pause(int spins) {
        if (spins < 1_000) {
            Thread.onSpinWait();
        } else if (spins < 3_000) {
            Thread.yield();
        } else {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
        return spins + 1;
    }

    private void route(int src, List<?> out) {
        for (int i = 0, size = out.size(); i < size; i++) {
            Datagram d = (Datagram) out.get(i);
            int bytes = d.envelope().getSerializedSize() + scenario.overheadBytes();
            int dest = byAddress.find(d.address());
            if (d.stream()) {
                streamBytes += bytes;
                if (dest >= 0 && !network.partitioned(src, dest, now)) {
                    // TCP: connection set-up plus the transfer, never lost
                    events.push(now + 3 * network.latencyMs(), EventQueue.DELIVER, dest, src, d.envelope());
                }
                continue;
            }
            udpBytes += bytes;
            countParts(d.envelope(), bytes);
            maxFrameBytes = Math.max(maxFrameBytes, bytes);
            if (bytes > scenario.config().maxFrameBytes()) {
                framesOverBudget++;
            }
            if (dest < 0 || network.partitioned(src, dest, now) || network.lost(src, dest)) {
                datagramsLost++;
                continue;
            }
            events.push(now + network.latencyMs(), EventQueue.DELIVER, dest, src, d.envelope());
        }
    }

    /** Splits a datagram's bytes into its messages by kind and the frame itself (header + overhead). */
    private void countParts(Envelope envelope, int bytes) {
        int frame = bytes;
        for (int i = 0, count = envelope.getMessagesCount(); i < count; i++) {
            GossipMessage m = envelope.getMessages(i);
            int b = FrameBudget.messageBytes(m);
            partBytes[m.getBodyCase().ordinal()] += b;
            frame -= b;
        }
        frameBytes += frame;
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
            observer.convTarget[x] = nodes[x].incarnation();
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

    private static long[] filledWithMinusOne(int size) {
        long[] a = new long[size];
        java.util.Arrays.fill(a, -1);
        return a;
    }

    private static boolean gone(MemberState r) {
        return r != null && (r.getStatus() == NodeStatus.NODE_STATUS_DEAD || r.getStatus() == NodeStatus.NODE_STATUS_LEFT);
    }

    /** Figures collected from every node's member changes. */
    private final class Observer implements GossipListener {
        final Map<Integer, Long> convInc = new HashMap<>();
        /** convInc as an array (-1: none): looked up on every member change. */
        final long[] convTarget = filledWithMinusOne(n);
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
            long target = convTarget[x];
            if (target >= 0 && current.getIncarnation() >= target
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
                convTarget[x] = -1;
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
            convTarget[y] = -1;
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

    private Map<String, Double> parts(double durationS) {
        Map<String, Double> parts = new java.util.LinkedHashMap<>();
        parts.put("frame", frameBytes / (n * durationS));
        for (GossipMessage.BodyCase kind : GossipMessage.BodyCase.values()) {
            if (partBytes[kind.ordinal()] > 0) {
                parts.put(kind.name().toLowerCase(java.util.Locale.ROOT), partBytes[kind.ordinal()] / (n * durationS));
            }
        }
        return parts;
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
                parts(durationS),
                datagramsLost,
                eventsProcessed,
                wallS,
                cpuS,
                setupS);
    }
}
