package org.rescuemesh.planner.radio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** All 2,000 NTIA ITM v1.4 point-to-point oracle cases. */
class ItmOracleTest {
    private static final double LOSS_TOLERANCE_DB = 0.01;
    private static final int OUTSIDE_UNEXPLAINED_MAX = 0;

    record Case(int line, ItmParameters params, double htx, double hrx, double f, double[] pfl, JsonNode expected) {
    }

    static List<Case> load() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SharedTestData.itmDir().resolve("itm_p2p_oracle.jsonl.gz"))), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                JsonNode o = mapper.readTree(line);
                if (!o.has("pfl")) {
                    continue;
                }
                JsonNode pflNode = o.get("pfl");
                double[] pfl = new double[pflNode.size()];
                for (int i = 0; i < pfl.length; i++) {
                    pfl[i] = pflNode.get(i).asDouble();
                }
                ItmParameters p = new ItmParameters(Climate.ofCode(o.get("climate").asInt()), o.get("N_0").asDouble(),
                        o.get("epsilon").asDouble(), o.get("sigma").asDouble(), Polarization.ofCode(o.get("pol").asInt()),
                        o.get("mdvar").asInt(), o.get("time").asDouble(), o.get("location").asDouble(),
                        o.get("situation").asDouble());
                cases.add(new Case(n, p, o.get("h_tx_m").asDouble(), o.get("h_rx_m").asDouble(), o.get("f_mhz").asDouble(), pfl, o));
            }
        }
        return cases;
    }

    /** Our prediction for one oracle case. */
    static ItmResult predict(Case c) {
        return new ItmPointToPoint(c.params()).predict(TerrainProfile.fromPfl(c.pfl()), c.htx(), c.hrx(), c.f());
    }

    /**
     * The oracle file stores its inputs rounded (profile to 0.01 m, heights to 1 mm, percentages to
     * 0.001) while the reference outputs were computed before rounding, so bit-exact agreement is not
     * reachable for every case; see docs/bench/itm.md. The thresholds below are what this
     * implementation achieves, checked so a regression fails.
     */
    @Test
    void oracleCasesAgreeWithTheReference() throws IOException {
        List<Case> cases = load();
        assertThat(cases).hasSize(2000);
        double[] errors = new double[cases.size()];
        int within = 0;
        int withinRef = 0;
        int modeMismatch = 0;
        int warningMismatch = 0;
        int distanceMismatch = 0;
        int freeSpaceMismatch = 0;
        int deltaHWithin = 0;
        List<String> worst = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            ItmResult r = predict(c);
            JsonNode e = c.expected();
            double err = Math.abs(r.basicTransmissionLossDb() - e.get("A_db").asDouble());
            errors[i] = err;
            if (err <= LOSS_TOLERANCE_DB) {
                within++;
            } else if (err > 0.05) {
                worst.add(String.format("line %d: A %.6f vs %.6f (mode %d, warnings 0x%x vs 0x%x, delta_h %.4f vs %.4f)",
                        c.line(), r.basicTransmissionLossDb(), e.get("A_db").asDouble(), r.mode().code(),
                        r.warnings(), e.get("warnings").asInt(), r.deltaHM(), e.get("delta_h_m").asDouble()));
            }
            if (Math.abs(r.referenceAttenuationDb() - e.get("A_ref_db").asDouble()) <= LOSS_TOLERANCE_DB) {
                withinRef++;
            }
            if (r.mode().code() != e.get("mode").asInt()) {
                modeMismatch++;
            }
            if (r.warnings() != e.get("warnings").asInt()) {
                warningMismatch++;
            }
            if (Math.abs(r.distanceM() / 1000.0 - e.get("d_km").asDouble()) > 1e-9) {
                distanceMismatch++;
            }
            if (Math.abs(r.freeSpaceLossDb() - e.get("A_fs_db").asDouble()) > 1e-6) {
                freeSpaceMismatch++;
            }
            double dh = e.get("delta_h_m").asDouble();
            if (Math.abs(r.deltaHM() - dh) <= 1e-3 * Math.max(1.0, dh)) {
                deltaHWithin++;
            }
        }
        double[] sorted = errors.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("ITM oracle (%d cases): A within %.2f dB: %d; A_ref within %.2f dB: %d; median |dA| %.4f dB, "
                        + "p95 %.4f, p99 %.4f, max %.4f; mode mismatches %d; warning mismatches %d; distance mismatches %d; "
                        + "A_fs mismatches %d; delta_h within 0.1 %%: %d%n",
                cases.size(), LOSS_TOLERANCE_DB, within, LOSS_TOLERANCE_DB, withinRef, sorted[sorted.length / 2],
                sorted[(int) (0.95 * sorted.length)], sorted[(int) (0.99 * sorted.length)], sorted[sorted.length - 1],
                modeMismatch, warningMismatch, distanceMismatch, freeSpaceMismatch, deltaHWithin);
        worst.forEach(w -> System.out.println("  > 0.05 dB: " + w));

        assertThat(modeMismatch).as("propagation mode mismatches").isZero();
        assertThat(distanceMismatch).as("distance mismatches").isZero();
        assertThat(freeSpaceMismatch).as("free-space loss mismatches").isZero();
        assertThat(warningMismatch).as("warning-bit mismatches (horizon near-ties)").isLessThanOrEqualTo(1);
        assertThat(within).as("cases within 0.01 dB").isGreaterThanOrEqualTo(1860);
        assertThat(withinRef).as("A_ref within 0.01 dB").isGreaterThanOrEqualTo(1858);
        assertThat(sorted[sorted.length / 2]).as("median error").isLessThan(0.001);
        assertThat(sorted[(int) (0.99 * sorted.length)]).as("99th percentile error").isLessThan(0.035);
        assertThat(worst).as("cases beyond 0.05 dB").hasSizeLessThanOrEqualTo(7);
        assertThat(deltaHWithin).as("delta_h within 0.1 %").isGreaterThanOrEqualTo(1970);
    }

    /**
     * For every case outside 0.01 dB: perturb the inputs within the rounding of the file (±0.005 m
     * per profile point, ±0.0005 m heights, ±0.0005 N_0 and percentages) and check that some input
     * consistent with the file reproduces the reference within 0.01 dB. This separates rounding of
     * the stored inputs from real algorithmic differences.
     */
    @Test
    void casesOutsideToleranceAreExplainedByInputRounding() throws IOException {
        java.util.Random rnd = new java.util.Random(20261128L);
        int outside = 0;
        int explained = 0;
        List<String> unexplained = new ArrayList<>();
        for (Case c : load()) {
            double ref = c.expected().get("A_db").asDouble();
            if (Math.abs(predict(c).basicTransmissionLossDb() - ref) <= LOSS_TOLERANCE_DB) {
                continue;
            }
            outside++;
            double best = Double.MAX_VALUE;
            for (int k = 0; k < 300 && best > LOSS_TOLERANCE_DB; k++) {
                double[] pfl = c.pfl().clone();
                for (int i = 2; i < pfl.length; i++) {
                    pfl[i] += (rnd.nextDouble() - 0.5) * 0.01;
                }
                ItmParameters p = c.params();
                ItmParameters q = new ItmParameters(p.climate(), p.n0() + (rnd.nextDouble() - 0.5) * 1e-3, p.epsilon(), p.sigma(),
                        p.polarization(), p.mdvar(), p.timePct() + (rnd.nextDouble() - 0.5) * 1e-3,
                        p.locationPct() + (rnd.nextDouble() - 0.5) * 1e-3, p.situationPct() + (rnd.nextDouble() - 0.5) * 1e-3);
                double v = new ItmPointToPoint(q).predict(TerrainProfile.fromPfl(pfl), c.htx() + (rnd.nextDouble() - 0.5) * 1e-3,
                        c.hrx() + (rnd.nextDouble() - 0.5) * 1e-3, c.f()).basicTransmissionLossDb();
                best = Math.min(best, Math.abs(v - ref));
            }
            if (best <= LOSS_TOLERANCE_DB) {
                explained++;
            } else {
                unexplained.add(String.format("line %d: closest %.4f dB", c.line(), best));
            }
        }
        System.out.printf("ITM oracle: %d cases outside %.2f dB, %d of them reproduced within %.2f dB by inputs within the file's rounding%n",
                outside, LOSS_TOLERANCE_DB, explained, LOSS_TOLERANCE_DB);
        unexplained.forEach(u -> System.out.println("  not reproduced: " + u));
        assertThat(unexplained).as("cases not explained by input rounding").hasSizeLessThanOrEqualTo(OUTSIDE_UNEXPLAINED_MAX);
    }
}
