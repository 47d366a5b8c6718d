package org.rescuemesh.gossip.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Figures of one simulated run; {@link #toJson()} is what {@code simulate} prints.
 *
 * @param convergenceRoundsP50 gossip rounds (gossip intervals) for a state change to reach 99.9 % of live members, median
 * @param convergenceRoundsP99 same, 99th percentile
 * @param detectionFirstSMedian kill → first member declares it dead, median seconds
 * @param detectionSMedian     kill → every live member holds it dead, median seconds
 * @param detectionSP99        same, 99th percentile
 * @param falseDead            incidents (member, incarnation) of a live member declared dead (partition time excluded)
 * @param falseDeadMarks       member tables that held a live member dead (each incident counts at every node)
 * @param wallS                wall-clock seconds of the event loop; the JSON wall_s adds setupS (building the converged cluster)
 * @param cpuS                 CPU seconds of the simulating thread (robust on a shared machine)
 * @param partitionHealS       partition end → every live member sees every live member alive (NaN: no partition; +Inf: never)
 * @param udpBytesByPart       UDP bytes per node per second split by what carried them: "frame" (envelope
 *                             header + codec overhead) and each message kind (ping, ack, ping_req, nack,
 *                             alive, suspect, dead, leave), counted wherever the message rode
 */
public record SimReport(SimScenario scenario, double nodeHours,
                        double convergenceRoundsP50, double convergenceRoundsP99,
                        int updatesMeasured, int updatesUnconverged,
                        double detectionFirstSMedian, double detectionSMedian, double detectionSP99,
                        int killsDetected, int killsUndetected,
                        long falseDead, long falseDeadMarks,
                        double suspectPerProbe, long refutations, long deadDeclared,
                        double bytesPerNodePerS, double udpBytesPerNodePerS, double streamBytesPerNodePerS,
                        long maxFrameBytes, long framesOverBudget,
                        double dutyCycleMaxPct, double dutyCycleMedianPct,
                        double partitionHealS, Map<String, Double> udpBytesByPart,
                        long datagramsLost, long events, double wallS, double cpuS,
                        double setupS) {

    /** Nearest-rank percentile; NaN for no samples. */
    static double percentile(List<Double> samples, double q) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(1024).append('{');
        field(b, "nodes", scenario.nodes());
        str(b, "profile", scenario.profileName());
        field(b, "loss", scenario.loss());
        field(b, "seed", scenario.seed());
        field(b, "duration_s", scenario.durationMs() / 1000.0);
        field(b, "node_hours", nodeHours);
        field(b, "convergence_rounds_p50", convergenceRoundsP50);
        field(b, "convergence_rounds_p99", convergenceRoundsP99);
        field(b, "updates_measured", updatesMeasured);
        field(b, "updates_unconverged", updatesUnconverged);
        field(b, "kills", scenario.kills());
        field(b, "detection_first_s_median", detectionFirstSMedian);
        field(b, "detection_s_median", detectionSMedian);
        field(b, "detection_s_p99", detectionSP99);
        field(b, "kills_undetected", killsUndetected);
        field(b, "false_dead", falseDead);
        field(b, "false_dead_marks", falseDeadMarks);
        field(b, "suspect_per_probe", suspectPerProbe);
        field(b, "refutations", refutations);
        field(b, "dead_declared", deadDeclared);
        field(b, "bytes_per_node_per_s", bytesPerNodePerS);
        field(b, "udp_bytes_per_node_per_s", udpBytesPerNodePerS);
        field(b, "stream_bytes_per_node_per_s", streamBytesPerNodePerS);
        field(b, "max_frame_bytes", maxFrameBytes);
        field(b, "frame_budget_bytes", scenario.config().maxFrameBytes());
        field(b, "frames_over_budget", framesOverBudget);
        boolean radio = scenario.config().dutyCyclePermille() > 0;
        field(b, "duty_cycle_max_pct", radio ? dutyCycleMaxPct : Double.NaN);
        field(b, "duty_cycle_median_pct", radio ? dutyCycleMedianPct : Double.NaN);
        field(b, "partition_heal_s", partitionHealS);
        b.append("\"udp_bytes_per_node_per_s_by_part\":{");
        int before = b.length();
        for (Map.Entry<String, Double> e : udpBytesByPart.entrySet()) {
            field(b, e.getKey(), e.getValue());
        }
        if (b.length() > before) {
            b.setLength(b.length() - 1);
        }
        b.append("},");
        field(b, "datagrams_lost", datagramsLost);
        field(b, "events", events);
        field(b, "wall_s", wallS + setupS);
        field(b, "cpu_s", cpuS);
        field(b, "setup_s", setupS);
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, double v) {
        b.append('"').append(name).append("\":");
        if (Double.isNaN(v)) {
            b.append("null");
        } else if (Double.isInfinite(v)) {
            b.append("\"inf\"");
        } else {
            b.append(number(v));
        }
        b.append(',');
    }

    /** Five significant digits, plain notation, no trailing zeros. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(5)).stripTrailingZeros().toPlainString();
    }

    private static void field(StringBuilder b, String name, long v) {
        b.append('"').append(name).append("\":").append(v).append(',');
    }

    private static void str(StringBuilder b, String name, String v) {
        b.append('"').append(name).append("\":\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",");
    }
}
