package org.rescuemesh.coordinator.interop;

import org.rescuemesh.coordinator.ingest.PositionValidator;

/**
 * The time a device on another network (a TAK client, a Meshtastic radio) puts on what it sends,
 * as far as the command post can use it. Radios without GPS or RTC have no time or a wrong one:
 * what they send is current, only their clock is not, so the arrival time stands in rather than
 * the report being refused (and lost) as "in the future".
 */
public final class SenderClock {

    private SenderClock() {
    }

    /**
     * {@code claimedMs}, or {@code receivedAtMs} when the device gave no time (0 or less) or one
     * more than {@link PositionValidator#MAX_FUTURE_MS} ahead of the arrival.
     */
    public static long orArrival(long claimedMs, long receivedAtMs) {
        return claimedMs <= 0 || claimedMs > receivedAtMs + PositionValidator.MAX_FUTURE_MS ? receivedAtMs : claimedMs;
    }
}
