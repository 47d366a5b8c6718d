package org.rescuemesh.agent.position;

import java.util.Optional;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * Where this node's position comes from. Sources never throw from their I/O: a missing device,
 * a dead gpsd or garbage input is logged and counted, and the source keeps trying.
 */
public interface PositionSource extends AutoCloseable {

    /** Begins producing fixes (may spawn a daemon thread or schedule work). Idempotent. */
    void start();

    /** Stops producing fixes and releases devices and sockets. Idempotent. */
    void stop();

    /** The newest fix, empty until the first one. */
    Optional<GeoPosition> latest();

    void addListener(PositionListener listener);

    /** Short description for logs and the local API, e.g. "gpsd 127.0.0.1:2947". */
    String describe();

    @Override
    default void close() {
        stop();
    }
}
