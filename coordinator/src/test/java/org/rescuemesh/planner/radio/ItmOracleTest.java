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

    @Test
    void allOracleCasesMatchTheReference() throws IOException {
        List<Case> cases = load();
        assertThat(cases).hasSize(2000);
        double maxErr = 0;
        int within = 0;
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            ItmResult r = new ItmPointToPoint(c.params()).predict(TerrainProfile.fromPfl(c.pfl()), c.htx(), c.hrx(), c.f());
            JsonNode e = c.expected();
            double err = Math.abs(r.basicTransmissionLossDb() - e.get("A_db").asDouble());
            maxErr = Math.max(maxErr, err);
            boolean ok = err <= LOSS_TOLERANCE_DB
                    && r.mode().code() == e.get("mode").asInt()
                    && r.warnings() == e.get("warnings").asInt()
                    && Math.abs(r.distanceM() / 1000.0 - e.get("d_km").asDouble()) <= 1e-6
                    && Math.abs(r.freeSpaceLossDb() - e.get("A_fs_db").asDouble()) <= 1e-5
                    && Math.abs(r.referenceAttenuationDb() - e.get("A_ref_db").asDouble()) <= LOSS_TOLERANCE_DB
                    && Math.abs(r.deltaHM() - e.get("delta_h_m").asDouble()) <= 1e-4 * Math.max(1, e.get("delta_h_m").asDouble());
            if (ok) {
                within++;
            } else if (failures.size() < 20) {
                failures.add(String.format("line %d: A %.6f vs %.6f, mode %d vs %d, warn 0x%x vs 0x%x, Aref %.6f vs %.6f, dh %.6f vs %.6f, d %.6f vs %.6f",
                        c.line(), r.basicTransmissionLossDb(), e.get("A_db").asDouble(), r.mode().code(), e.get("mode").asInt(),
                        r.warnings(), e.get("warnings").asInt(), r.referenceAttenuationDb(), e.get("A_ref_db").asDouble(),
                        r.deltaHM(), e.get("delta_h_m").asDouble(), r.distanceM() / 1000, e.get("d_km").asDouble()));
            }
        }
        System.out.printf("ITM oracle: %d/%d cases within %.3f dB with matching mode/warnings/d/A_fs/A_ref/delta_h; max |dA| = %.6f dB%n",
                within, cases.size(), LOSS_TOLERANCE_DB, maxErr);
        assertThat(failures).as("oracle mismatches (first 20)").isEmpty();
        assertThat(within).isEqualTo(cases.size());
    }
}
