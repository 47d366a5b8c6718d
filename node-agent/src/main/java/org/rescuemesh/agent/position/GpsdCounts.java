package org.rescuemesh.agent.position;

/**
 * What a {@link GpsdReportParser} has seen so far.
 *
 * @param fixes       TPV reports with a 2D or 3D fix
 * @param noFix       TPV reports in mode 0/1
 * @param otherReports VERSION, DEVICES, WATCH, SKY… (expected, not used)
 * @param bad         lines that are not JSON objects, or TPV reports with unusable fields
 */
public record GpsdCounts(long fixes, long noFix, long otherReports, long bad) {
}
