package org.rescuemesh.agent.position;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalDouble;
import org.rescuemesh.proto.v1.GeoPosition;

/** A surveyed position from configuration: a relay on a mast, a command post. */
public final class StaticPositionSource implements PositionSource {

    public static final String SOURCE = "static";

    private final double latDeg;
    private final double lonDeg;
    private final OptionalDouble altM;
    private final double accuracyM;
    private final Clock clock;
    private final PositionFeed feed = new PositionFeed();
    private volatile boolean started;

    /**
     * @param altM      height above the WGS 84 ellipsoid, empty when unknown
     * @param accuracyM 1-sigma horizontal accuracy of the survey, 0 when unknown
     */
    public StaticPositionSource(double latDeg, double lonDeg, OptionalDouble altM, double accuracyM, Clock clock) {
        if (!GeoPositions.validLatLon(latDeg, lonDeg)) {
            throw new IllegalArgumentException("static position " + latDeg + "," + lonDeg
                    + " is outside lat -90..90 / lon -180..180");
        }
        if (altM.isPresent() && !Double.isFinite(altM.getAsDouble())) {
            throw new IllegalArgumentException("static altitude must be a finite number of metres");
        }
        if (!(accuracyM >= 0) || !Double.isFinite(accuracyM)) {
            throw new IllegalArgumentException("accuracy must be ≥ 0 m");
        }
        this.latDeg = latDeg;
        this.lonDeg = lonDeg;
        this.altM = altM;
        this.accuracyM = accuracyM;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        // observed_at is when the agent started using the survey, not when it was surveyed.
        GeoPosition.Builder fix = GeoPosition.newBuilder()
                .setLatDeg(latDeg)
                .setLonDeg(lonDeg)
                .setAccuracyM(accuracyM)
                .setObservedAt(GeoPositions.timestamp(clock.instant()))
                .setSource(SOURCE);
        altM.ifPresent(alt -> fix.setAltM(alt).setAltKnown(true));
        feed.publish(fix.build());
    }

    @Override
    public void stop() {
        started = false;
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
        return "static " + latDeg + "," + lonDeg;
    }
}
