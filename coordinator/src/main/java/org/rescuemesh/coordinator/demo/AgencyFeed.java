package org.rescuemesh.coordinator.demo;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.Vertx;
import java.util.logging.Logger;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;

/**
 * A simulated agency system: a helicopter orbiting the search area and two boats patrolling the
 * coast, published every two seconds through the real gRPC ingest API.
 */
public final class AgencyFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgencyFeed.class.getName());
    private static final long PERIOD_MS = 2000;

    private final Vertx vertx;
    private final IngestClient client;
    private final SearchArea area;
    private final long t0 = System.currentTimeMillis();
    private final long timer;

    public AgencyFeed(Vertx vertx, String host, int grpcPort, String token, SearchArea area) {
        this.vertx = vertx;
        this.client = new IngestClient(vertx, host, grpcPort, token);
        this.area = area;
        publish();
        this.timer = vertx.setPeriodic(PERIOD_MS, id -> publish());
    }

    AssetPositionBatch snapshot(long now) {
        double t = (now - t0) / 1000.0;
        AssetPositionBatch.Builder b = AssetPositionBatch.newBuilder();
        // Helicopter: 3 km orbit at 50 m/s around the area's centre, 300 m up.
        double w = 50.0 / 3000.0;
        double heli = t * w;
        b.addPositions(position("pcg-heli-1", "Rescue 431", "helicopter", now,
                area.centerLat() + 3000 * Math.sin(heli) / 111_320,
                area.centerLon() + 3000 * Math.cos(heli) / (111_320 * Math.cos(Math.toRadians(area.centerLat()))),
                300, 50, (Math.toDegrees(-heli) + 360 * 10) % 360));
        // Boats: back and forth along the eastern edge at 6 m/s.
        for (int k = 0; k < 2; k++) {
            double span = area.north() - area.south();
            double phase = ((t * 6 / 111_320) / span + k * 0.5) % 2.0;
            double frac = phase < 1 ? phase : 2 - phase;
            b.addPositions(position("pcg-boat-" + (k + 1), "Boat " + (k + 1), "boat", now,
                    area.south() + frac * span, area.east() + 0.01 + 0.005 * k, 0, 6, phase < 1 ? 0 : 180));
        }
        return b.build();
    }

    private static AssetPosition position(String id, String label, String kind, long now, double lat, double lon,
                                          double alt, double speed, double heading) {
        return AssetPosition.newBuilder().setAssetId(id).setLabel(label).setKind(kind).setSource("coastguard-sim")
                .setLat(lat).setLon(lon).setAltM(alt).setAccuracyM(10).setSpeedMps(speed).setHeadingDeg(heading)
                .setObservedAt(Timestamps.fromMillis(now)).build();
    }

    private void publish() {
        client.publishBatch(snapshot(System.currentTimeMillis()))
                .onFailure(e -> LOG.warning("agency feed: " + e.getMessage()));
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        client.close();
    }
}
