package org.rescuemesh.coordinator.cli;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coordinator.jar bench-ingest}: one coordinator member with durability on, fed by a gRPC
 * client in the same process. Phase 1 measures sustained positions/s through {@code Publish}
 * client streams (a position counts once its stream's acknowledgement arrived, i.e. once it is
 * stored). Phase 2 publishes at a fixed rate with {@code PublishBatch} and measures the time from
 * sending a position to receiving its delta on {@code /api/v1/live} — an upper bound of
 * accept→delivery, since it includes the client's own send path.
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true,
        description = "Measure agency ingest: sustained positions/s over gRPC streams with durability on, and p99 "
                + "gRPC-send → WebSocket-delivery latency at a fixed rate.")
final class BenchIngestCommand implements Callable<Integer> {

    private static final String TOKEN = "bench-token";

    @Option(names = "--seconds", defaultValue = "20", description = "throughput phase length (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--streams", defaultValue = "4", description = "concurrent Publish streams (default ${DEFAULT-VALUE})")
    int streams;
    @Option(names = "--stream-length", defaultValue = "50000",
            description = "positions per stream before it is closed and acknowledged (default ${DEFAULT-VALUE})")
    int streamLength;
    @Option(names = "--mode", defaultValue = "stream", description = "stream = Publish client streams (default); "
            + "batch = PublishBatch calls of --batch positions, --streams of them in flight")
    String mode;
    @Option(names = "--batch", defaultValue = "1000", description = "positions per PublishBatch in batch mode (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--assets", defaultValue = "10000", description = "distinct asset ids (default ${DEFAULT-VALUE})")
    int assets;
    @Option(names = "--track-limit", defaultValue = "100", description = "positions kept per asset (default ${DEFAULT-VALUE})")
    int trackLimit;
    @Option(names = "--write-behind-ms", defaultValue = "0",
            description = "0 = write-through (default); > 0 = write-behind delay")
    long writeBehindMs;
    @Option(names = "--data-dir", description = "member database directory (default: a temporary one, deleted after; "
            + "'none' = durability off, for comparison)")
    Path dataDir;
    @Option(names = "--latency-rate", defaultValue = "10000", description = "positions/s of the latency phase (default ${DEFAULT-VALUE})")
    int latencyRate;
    @Option(names = "--latency-batch", defaultValue = "100",
            description = "positions per PublishBatch in the latency phase (default ${DEFAULT-VALUE}; sent every batch/rate s)")
    int latencyBatch;
    @Option(names = "--latency-seconds", defaultValue = "15", description = "latency phase length (default ${DEFAULT-VALUE})")
    int latencySeconds;
    @Option(names = "--latency-warmup-seconds", defaultValue = "5",
            description = "a phase like the latency phase before it, printed but not counted: the live path's code is "
                    + "still interpreted in its first second (default ${DEFAULT-VALUE}; 0 = none)")
    int latencyWarmupSeconds;
    @Option(names = "--server-only", description = "start the coordinator only (token '" + TOKEN + "'), print its ports, "
            + "serve for --server-seconds and print its own CPU time per stored position; run the client phases in "
            + "another process with --grpc-port/--http-port")
    boolean serverOnly;
    @Option(names = "--server-seconds", defaultValue = "90", description = "how long --server-only serves (default ${DEFAULT-VALUE})")
    int serverSeconds;
    @Option(names = "--grpc-port", description = "run the client phases only, against a coordinator on this local gRPC port "
            + "(started with --server-only)")
    Integer targetGrpcPort;
    @Option(names = "--http-port", description = "HTTP port of that coordinator (with --grpc-port)")
    Integer targetHttpPort;

    /** Where the client phases send to and listen on. */
    private record Target(int grpcPort, int httpPort) {
    }

    @Override
    public Integer call() throws Exception {
        Logs.configure();
        if (!mode.equals("stream") && !mode.equals("batch")) {
            System.err.println("error: --mode must be stream or batch");
            return 2;
        }
        if (batchSize < 1 || batchSize > 10_000) {
            System.err.println("error: --batch must be 1..10000");
            return 2;
        }
        if (seconds < 1 || streams < 1 || streamLength < 1 || assets < 1 || latencyRate < 100 || latencySeconds < 1 || latencyBatch < 1
                || latencyWarmupSeconds < 0) {
            System.err.println("error: --seconds, --streams, --stream-length, --assets, --latency-seconds must be >= 1 "
                    + "and --latency-rate >= 100, --latency-batch >= 1, --latency-warmup-seconds >= 0");
            return 2;
        }
        if ((targetGrpcPort == null) != (targetHttpPort == null)) {
            System.err.println("error: --grpc-port and --http-port go together");
            return 2;
        }
        if (targetGrpcPort != null) {
            Vertx vertx = Vertx.vertx();
            try {
                System.out.printf("bench-ingest: client only, %d cores, against 127.0.0.1 grpc %d http %d, %d assets%n",
                        Runtime.getRuntime().availableProcessors(), targetGrpcPort, targetHttpPort, assets);
                Target t = new Target(targetGrpcPort, targetHttpPort);
                throughput(vertx, t, "this client process");
                latencyPhases(vertx, t);
                trackReads(t);
            } finally {
                vertx.close().await();
            }
            return 0;
        }
        boolean memoryOnly = dataDir != null && dataDir.toString().equals("none");
        boolean temporary = dataDir == null;
        Path dir = memoryOnly ? null : temporary ? Files.createTempDirectory("rescuemesh-bench") : dataDir;
        Coordinator coordinator;
        try {
            coordinator = Coordinator.start(new Coordinator.Settings("bench", "127.0.0.1", 0, 0,
                    new InetSocketAddress("127.0.0.1", 0), List.of(), "rescuemesh-bench-" + ProcessHandle.current().pid(),
                    17900, List.of(), TokenRegistry.single(TOKEN, "bench"))
                    .withDurability(new org.rescuemesh.coordinator.picture.Durability(dir, writeBehindMs, 1, 1, trackLimit)));
        } catch (Exception e) {
            System.err.println("error: cannot start the coordinator: " + Ports.explain(e));
            return 1;
        }
        Vertx vertx = Vertx.vertx();
        try {
            System.out.printf("bench-ingest: %d cores, durability %s into %s, track limit %d, %d assets%n",
                    Runtime.getRuntime().availableProcessors(),
                    dir == null ? "OFF (memory only)" : writeBehindMs == 0 ? "write-through"
                            : "write-behind " + writeBehindMs + " ms", dir, trackLimit, assets);
            // the collector and heap change the figures a lot (see docs/bench/ingest.md): say which ran
            System.out.printf("JVM: %s %s, collectors %s, heap %.1f GB max%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
                            .stream().map(java.lang.management.GarbageCollectorMXBean::getName).toList(),
                    Runtime.getRuntime().maxMemory() / 1e9);
            Target t = new Target(coordinator.grpcPort(), coordinator.httpPort());
            if (serverOnly) {
                serve(t);
            } else {
                throughput(vertx, t, "this process (server and client)");
                latencyPhases(vertx, t);
                trackReads(t);
            }
            if (dir != null) {
                System.out.printf("database size after the run: %.1f MB%n", size(dir) / 1e6);
            }
        } finally {
            vertx.close().await();
            coordinator.close();
            if (temporary) {
                delete(dir);
            }
        }
        return 0;
    }

    /** Positions of asset {@code i % assets} with strictly increasing observation times per asset. */
    private final class Feed {
        private final long base = System.currentTimeMillis() - 3_600_000L;
        private final AtomicLong next = new AtomicLong();

        AssetPosition next() {
            long n = next.getAndIncrement();
            int asset = (int) (n % assets);
            long round = n / assets;
            return AssetPosition.newBuilder().setAssetId("bench-" + asset).setSource("bench").setKind("vessel")
                    .setLat(10 + (asset % 1000) * 0.001 + round * 1e-6).setLon(125 + (asset / 1000) * 0.001)
                    .setSpeedMps(5).setHeadingDeg(90).setAccuracyM(10)
                    .setObservedAt(Timestamps.fromMillis(base + round)).build();
        }
    }

    /** --server-only: serve, and report this process's CPU time per stored position once positions flowed. */
    private void serve(Target t) throws InterruptedException {
        System.out.printf("serving: --grpc-port %d --http-port %d (token %s) for %d s%n", t.grpcPort(), t.httpPort(), TOKEN,
                serverSeconds);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(serverSeconds);
        long cpuAtFirst = -1;
        Map<String, Long> threadsAtFirst = Map.of();
        Map<String, Long> threadsAtLast = Map.of();
        double storedAtFirst = 0;
        double stored = 0;
        long cpuAtLast = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(500);
            double now = storedTotal(t);
            long cpu = processCpuNanos();
            if (cpuAtFirst < 0 && now > 0) {
                cpuAtFirst = cpu;
                storedAtFirst = now;
                threadsAtFirst = cpuByThreadGroup();
            }
            if (now > stored) {
                stored = now;
                cpuAtLast = cpu;
                threadsAtLast = cpuByThreadGroup();
            }
        }
        if (cpuAtFirst < 0 || stored <= storedAtFirst) {
            System.out.println("server: no positions were stored");
            return;
        }
        double us = (cpuAtLast - cpuAtFirst) / 1e3 / (stored - storedAtFirst);
        System.out.printf("server: %,.0f positions stored; CPU time of the server process %.1f µs per stored position "
                        + "= at most %,.0f positions/s if it had all %d cores to itself%n", stored, us,
                1e6 / us * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
        System.out.println("  µs of CPU per position by thread group (rest: GC, JIT): "
                + perPosition(threadsAtFirst, threadsAtLast, (long) (stored - storedAtFirst)));
    }

    /** The busiest thread groups between two {@link #cpuByThreadGroup()} readings, in µs per position. */
    private static String perPosition(Map<String, Long> before, Map<String, Long> after, long positions) {
        StringBuilder where = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> where.append(String.format("%s %.1f, ", e.getKey(), e.getValue() / 1e3 / Math.max(1, positions))));
        return where.toString();
    }

    private static double storedTotal(Target t) {
        return metrics(t).lines().filter(l -> l.startsWith("rescuemesh_positions_stored_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static final java.net.http.HttpClient METRICS_CLIENT = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    /**
     * The coordinator's {@code /metrics} text, read like any scraper would; empty when it does not
     * answer within 10 s (a request without a time limit once hung a {@code --server-only} run).
     */
    private static String metrics(Target t) {
        try {
            java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + t.httpPort() + "/metrics"))
                    .header("Authorization", "Bearer " + TOKEN).timeout(java.time.Duration.ofSeconds(10)).build();
            return METRICS_CLIENT.send(get, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            System.err.println("  /metrics did not answer: " + e.getMessage());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void throughput(Vertx vertx, Target coordinator, String cpuOf) throws InterruptedException {
        IngestClient client = new IngestClient(vertx, "127.0.0.1", coordinator.grpcPort(), TOKEN);
        Feed feed = new Feed();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong lastAck = new AtomicLong(start);
        long cpuStart = processCpuNanos();
        Map<String, Long> threadsStart = cpuByThreadGroup();
        CountDownLatch done = new CountDownLatch(streams);
        for (int s = 0; s < streams; s++) {
            vertx.runOnContext(v -> stream(client, feed, end, acked, failed, lastAck, done));
        }
        long reportAt = start;
        long reported = 0;
        while (!done.await(1, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            long a = acked.get();
            System.out.printf("  %5.1f s  %,10d positions acknowledged  (%,.0f/s in the last second)%n",
                    (now - start) / 1e9, a, (a - reported) / ((now - reportAt) / 1e9));
            reportAt = now;
            reported = a;
        }
        double elapsed = (lastAck.get() - start) / 1e9;
        System.out.printf("throughput: %,d positions acknowledged in %.1f s = %,.0f positions/s sustained "
                        + "(%s); failed calls: %d%n",
                acked.get(), elapsed, acked.get() / elapsed, mode.equals("stream")
                        ? streams + " concurrent Publish streams of " + streamLength
                        : streams + " concurrent PublishBatch calls of " + batchSize, failed.get());
        double cpuUs = (processCpuNanos() - cpuStart) / 1e3;
        System.out.printf("  CPU time of " + cpuOf + ": %.1f µs per acknowledged position "
                        + "= at most %,.0f positions/s if it had all %d cores to itself%n",
                cpuUs / Math.max(1, acked.get()), acked.get() / (cpuUs / 1e6) * Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("  µs of CPU per position by thread group (rest: GC, JIT): "
                + perPosition(threadsStart, cpuByThreadGroup(), acked.get()));
        client.close();
        System.out.println("  server side, receipt of a chunk → all its positions stored: " + storeTimes(coordinator));
    }

    /** The coordinator's own ingest latency summary, from its /metrics. */
    private static String storeTimes(Target coordinator) {
        StringBuilder out = new StringBuilder();
        metrics(coordinator).lines().filter(l -> l.startsWith("rescuemesh_ingest_latency_seconds{quantile")
                || l.startsWith("rescuemesh_ingest_latency_seconds_count")).forEach(l -> out.append(l).append("; "));
        return out.toString();
    }

    private void stream(IngestClient client, Feed feed, long end, AtomicLong acked, AtomicLong failed, AtomicLong lastAck,
                        CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        if (mode.equals("batch")) {
            AssetPositionBatch.Builder b = AssetPositionBatch.newBuilder();
            for (int i = 0; i < batchSize; i++) {
                b.addPositions(feed.next());
            }
            client.publishBatch(b.build()).onComplete(r -> {
                if (r.succeeded()) {
                    acked.addAndGet(r.result().getAccepted());
                    lastAck.set(System.nanoTime());
                } else {
                    failed.incrementAndGet();
                    System.err.println("  batch failed: " + r.cause().getMessage());
                }
                stream(client, feed, end, acked, failed, lastAck, done);
            });
            return;
        }
        Iterator<AssetPosition> it = new Iterator<>() {
            int left = streamLength;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public AssetPosition next() {
                left--;
                return feed.next();
            }
        };
        client.publishStream(it).onComplete(r -> {
            if (r.succeeded()) {
                acked.addAndGet(r.result().getAccepted());
                lastAck.set(System.nanoTime());
            } else {
                failed.incrementAndGet();
                System.err.println("  stream failed: " + r.cause().getMessage());
            }
            stream(client, feed, end, acked, failed, lastAck, done);
        });
    }

    /**
     * The warm-up, then the measured latency phase. The first second of the first phase is slow
     * (p99 about 300 ms on 2 cores, then about 10 ms) because the live path's code (the unary
     * PublishBatch, the deltas' JSON, the WebSocket writes; none of it runs in the throughput
     * phase) is still interpreted while 10,000 positions a second arrive; a second phase right after
     * it has no such second. The warm-up is printed too, so the cold start stays visible.
     */
    private void latencyPhases(Vertx vertx, Target t) throws Exception {
        if (latencyWarmupSeconds > 0) {
            latency(vertx, t, latencyWarmupSeconds, "warm-up (not counted)");
        }
        latency(vertx, t, latencySeconds, "latency");
    }

    private void latency(Vertx vertx, Target coordinator, int phaseSeconds, String label) throws Exception {
        IngestClient client = new IngestClient(vertx, "127.0.0.1", coordinator.grpcPort(), TOKEN);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long[] samples = new long[latencyRate * phaseSeconds + 1];
        // the second of the phase each sample was sent in: a tail that sits in a few seconds is a
        // stall (a compaction, a checkpoint, a collection), one spread over all of them is queueing
        int[] sentInSecond = new int[samples.length];
        long phaseStart = System.nanoTime();
        AtomicLong received = new AtomicLong();
        WebSocketClient wsClient = vertx.createWebSocketClient();
        var ws = wsClient.webSocket();
        ws.textMessageHandler(m -> {
            long now = System.nanoTime();
            JsonObject o = new JsonObject(m);
            if (!"node".equals(o.getString("type"))) {
                return;
            }
            JsonObject n = o.getJsonObject("node");
            Long t = sentAt.remove(n.getString("id") + "|" + n.getString("observedAt"));
            if (t != null) {
                long i = received.getAndIncrement();
                if (i < samples.length) {
                    samples[(int) i] = now - t;
                    sentInSecond[(int) i] = (int) ((t - phaseStart) / 1_000_000_000L);
                }
            }
        });
        ws.closeHandler(v -> System.out.println("  live socket closed: " + ws.closeStatusCode() + " " + ws.closeReason()));
        ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(coordinator.httpPort())
                .setURI("/api/v1/live?token=" + TOKEN)).await();
        int perTick = Math.max(1, Math.min(latencyBatch, latencyRate));
        long periodMs = Math.max(1, Math.round(1000.0 * perTick / latencyRate));
        long base = System.currentTimeMillis();
        AtomicLong seq = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        long ticks = phaseSeconds * 1000L / periodMs;
        AtomicLong tick = new AtomicLong();
        List<Future<?>> calls = new ArrayList<>();
        vertx.setPeriodic(periodMs, id -> {
            if (tick.incrementAndGet() > ticks) {
                vertx.cancelTimer(id);
                finished.countDown();
                return;
            }
            AssetPositionBatch.Builder b = AssetPositionBatch.newBuilder();
            long sendNanos = System.nanoTime();
            for (int i = 0; i < perTick; i++) {
                long n = seq.getAndIncrement();
                int asset = (int) (n % assets);
                // Newer than anything phase 1 stored, one millisecond apart per asset round.
                long observed = base + n / assets;
                AssetPosition p = AssetPosition.newBuilder().setAssetId("bench-" + asset).setLat(11).setLon(125)
                        .setObservedAt(Timestamps.fromMillis(observed)).build();
                sentAt.put(p.getAssetId() + "|" + Timestamps.toString(p.getObservedAt()), sendNanos);
                b.addPositions(p);
            }
            sent.addAndGet(perTick);
            synchronized (calls) {
                calls.add(client.publishBatch(b.build()));
            }
        });
        finished.await();
        synchronized (calls) {
            Future.join(new ArrayList<>(calls)).await();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.get() < sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int n = (int) Math.min(received.get(), samples.length);
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        System.out.printf(label + " at %,d positions/s for %d s (PublishBatch of %d every %d ms): %,d sent, %,d delivered "
                        + "on /api/v1/live; send→delivery p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                latencyRate, phaseSeconds, perTick, periodMs, sent.get(), received.get(),
                pct(sorted, 0.50), pct(sorted, 0.99), n == 0 ? Double.NaN : sorted[n - 1] / 1e6);
        System.out.println("  p99 | max by second of sending: " + bySecond(samples, sentInSecond, n));
        ws.close().await();
        wsClient.close().await();
        client.close();
    }

    private static String bySecond(long[] samples, int[] second, int n) {
        int seconds = 0;
        for (int i = 0; i < n; i++) {
            seconds = Math.max(seconds, second[i] + 1);
        }
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < seconds; s++) {
            long[] in = new long[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (second[i] == s) {
                    in[k++] = samples[i];
                }
            }
            long[] sorted = Arrays.copyOf(in, k);
            Arrays.sort(sorted);
            out.append(String.format("%d:%.0f|%.0f ", s, pct(sorted, 0.99), k == 0 ? Double.NaN : sorted[k - 1] / 1e6));
        }
        return out.toString();
    }

    /**
     * Reads the track of {@value #TRACK_READS} random assets through {@code /api/v1/tracks/{id}},
     * one after the other, after the other phases (each asset's partition then holds the segments
     * of both phases): the cost of a read that filters its node's points out of the partition.
     */
    private void trackReads(Target coordinator) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.Random random = new java.util.Random(7);
        long[] nanos = new long[TRACK_READS];
        long points = 0;
        for (int i = 0; i < TRACK_READS; i++) {
            java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + coordinator.httpPort() + "/api/v1/tracks/bench-" + random.nextInt(assets)))
                    .header("Authorization", "Bearer " + TOKEN).build();
            long start = System.nanoTime();
            java.net.http.HttpResponse<String> r = http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - start;
            if (r.statusCode() == 200) {
                points += new JsonObject(r.body()).getInteger("count");
            }
        }
        Arrays.sort(nanos);
        System.out.printf("track reads: %d random assets, %.1f points each on average (track limit %d); "
                        + "GET /api/v1/tracks/{id} p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                TRACK_READS, points / (double) TRACK_READS, trackLimit, pct(nanos, 0.50), pct(nanos, 0.99),
                nanos[nanos.length - 1] / 1e6);
    }

    private static final int TRACK_READS = 200;

    /** CPU time of live threads, summed by name with digits dropped (pools count as one). */
    static Map<String, Long> cpuByThreadGroup() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long ns = mx.getThreadCpuTime(t.getThreadId());
            if (ns > 0) {
                out.merge(t.getThreadName().replaceAll("[0-9]+", "N").replaceFirst("^hz\\.[a-z_]+\\.", "hz."), ns, Long::sum);
            }
        }
        return out;
    }

    /** CPU time of this JVM (all threads): on a shared machine a fairer measure than wall-clock rates. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
