package org.rescuemesh.agent.position;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * The newest fix of a source and the listeners that want each new one. Sources own one and
 * publish into it; a listener that throws is logged and does not stop the others.
 */
public final class PositionFeed {

    private static final System.Logger LOG = System.getLogger(PositionFeed.class.getName());

    private final AtomicReference<GeoPosition> latest = new AtomicReference<>();
    private final List<PositionListener> listeners = new CopyOnWriteArrayList<>();

    public void publish(GeoPosition position) {
        latest.set(position);
        for (PositionListener listener : listeners) {
            try {
                listener.onPosition(position);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "position listener failed", e);
            }
        }
    }

    public Optional<GeoPosition> latest() {
        return Optional.ofNullable(latest.get());
    }

    public void addListener(PositionListener listener) {
        listeners.add(listener);
    }
}
