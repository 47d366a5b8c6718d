package org.rescuemesh.coordinator.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus meters of the ingest path: {@code rescuemesh_positions_accepted_total} (validated),
 * {@code rescuemesh_positions_stored_total} (write completed), {@code rescuemesh_positions_rejected_total}
 * and {@code rescuemesh_ingest_latency_seconds} (call received → every position stored).
 */
public final class IngestMetrics {

    private final Counter accepted;
    private final Counter stored;
    private final Counter rejected;
    private final Counter throttled;
    private final Timer latency;

    public IngestMetrics(MeterRegistry registry) {
        accepted = Counter.builder("rescuemesh.positions.accepted").description("positions that passed validation")
                .register(registry);
        stored = Counter.builder("rescuemesh.positions.stored").description("positions whose write completed")
                .register(registry);
        rejected = Counter.builder("rescuemesh.positions.rejected").description("positions refused by validation")
                .register(registry);
        throttled = Counter.builder("rescuemesh.ingest.throttled").description("calls refused by a token's rate limit")
                .register(registry);
        latency = Timer.builder("rescuemesh.ingest.latency").description("from receiving a batch to all its positions stored")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void accepted(long n) {
        accepted.increment(n);
    }

    void stored(long n) {
        stored.increment(n);
    }

    void rejected(long n) {
        rejected.increment(n);
    }

    public void throttled() {
        throttled.increment();
    }

    void latency(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }
}
