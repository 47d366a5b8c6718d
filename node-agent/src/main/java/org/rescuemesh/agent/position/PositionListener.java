package org.rescuemesh.agent.position;

import org.rescuemesh.proto.v1.GeoPosition;

/** Told about every new fix; called on the source's thread, so it must return quickly. */
@FunctionalInterface
public interface PositionListener {
    void onPosition(GeoPosition position);
}
