package org.rescuemesh.agent.position;

/**
 * What an {@link NmeaParser} has seen so far.
 *
 * @param fixes       GGA/RMC sentences that produced a position
 * @param noFix       valid GGA/RMC sentences saying the receiver has no fix
 * @param ignored     valid sentences of other types (GSV, GSA, VTG, TXT…)
 * @param badChecksum lines whose checksum is missing or wrong
 * @param malformed   lines that are not NMEA, or GGA/RMC with unusable fields
 */
public record NmeaCounts(long fixes, long noFix, long ignored, long badChecksum, long malformed) {

    public long total() {
        return fixes + noFix + ignored + badChecksum + malformed;
    }
}
