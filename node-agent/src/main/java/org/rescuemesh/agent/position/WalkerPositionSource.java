package org.rescuemesh.agent.position;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * Publishes a {@link SimulatedWalker}'s position every {@code interval} on a shared scheduler,
 * so the demo's 40 agents do not need 40 threads.
 */
public final class WalkerPositionSource implements PositionSource {

    private static final System.Logger LOG = System.getLogger(WalkerPositionSource.class.getName());

    private final SimulatedWalker walker;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final PositionFeed feed = new PositionFeed();
    private ScheduledFuture<?> task;

    public WalkerPositionSource(SimulatedWalker walker, Clock clock, ScheduledExecutorService scheduler,
                                Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("report interval must be positive");
        }
        this.walker = walker;
        this.clock = clock;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (task != null) {
            return;
        }
        publishNow();
        task = scheduler.scheduleAtFixedRate(this::publishSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Publishes the walker's position at the clock's current instant (also used by tests). */
    public GeoPosition publishNow() {
        GeoPosition position = walker.positionAt(clock.instant());
        feed.publish(position);
        return position;
    }

    private void publishSafely() {
        try {
            publishNow();
        } catch (RuntimeException e) {
            // A scheduled task that throws is silently cancelled; keep walking instead.
            LOG.log(System.Logger.Level.WARNING, "simulated walker failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public Optional<GeoPosition> latest() {
        return feed.latest();
    }

    @Override
    public void addListener(PositionListener listener) {
        feed.addListener(listener);
    }

    @Override
    public String describe() {
        GeoBox b = walker.box();
        return "simulated walker in " + b.southDeg() + "," + b.westDeg() + "," + b.northDeg() + "," + b.eastDeg();
    }
}
