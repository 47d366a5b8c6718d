package org.rescuemesh.planner.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The NTIA command-line driver examples (cmd_examples/): inputs are read from i_*.txt and pfl.txt,
 * expected values (loss, intermediate values, tables) from o_*.txt, and compared at the precision
 * the driver prints.
 */
class ItmCommandExamplesTest {

    private static Path dir() {
        return SharedTestData.itmDir().resolve("cmd_examples");
    }

    /** i_*.txt: "name,value[,value…]" lines. */
    private static Map<String, double[]> inputs(String file) throws IOException {
        Map<String, double[]> m = new HashMap<>();
        for (String line : Files.readAllLines(dir().resolve(file))) {
            String[] parts = line.trim().split(",");
            if (parts.length >= 2) {
                m.put(parts[0], Arrays.stream(parts).skip(1).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return m;
    }

    /** o_*.txt: first number after a label. */
    private static double output(List<String> lines, String label) {
        for (String line : lines) {
            if (line.startsWith(label + " ")) {
                return Double.parseDouble(line.substring(label.length()).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("label '" + label + "' not in output file");
    }

    /** Rows of a results table: lines of numbers following the header line containing {@code header}. */
    private static List<double[]> table(List<String> lines, String header) {
        List<double[]> rows = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.contains(header)) {
                in = true;
                continue;
            }
            if (in) {
                String t = line.trim();
                if (t.isEmpty() || !Character.isDigit(t.charAt(0))) {
                    if (!rows.isEmpty()) {
                        break;
                    }
                    continue;
                }
                rows.add(Arrays.stream(t.split("\\s+")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return rows;
    }

    private static ItmParameters params(Map<String, double[]> in, double time, double location, double situation) {
        return new ItmParameters(Climate.ofCode((int) in.get("climate")[0]), in.get("N_0")[0], in.get("epsilon")[0],
                in.get("sigma")[0], Polarization.ofCode((int) in.get("pol")[0]), (int) in.get("mdvar")[0], time, location, situation);
    }

    private static TerrainProfile profile() throws IOException {
        String text = Files.readString(dir().resolve("pfl.txt")).trim();
        return TerrainProfile.fromPfl(Arrays.stream(text.split("[,\\s]+")).mapToDouble(Double::parseDouble).toArray());
    }

    private static void assertIntermediates(ItmResult r, List<String> out) {
        assertThat(r.freeSpaceLossDb()).isCloseTo(output(out, "Free Space"), within(0.05 + 1e-9));
        assertThat(r.distanceM() / 1000).isCloseTo(output(out, "d__km"), within(0.0005 + 1e-9));
        assertThat(r.horizonAngleTxRad() * 1000).isCloseTo(output(out, "theta_hzn_tx"), within(0.0005 + 1e-9));
        assertThat(r.horizonAngleRxRad() * 1000).isCloseTo(output(out, "theta_hzn_rx"), within(0.0005 + 1e-9));
        assertThat(r.horizonDistanceTxM()).isCloseTo(output(out, "d_hzn_tx__meter"), within(0.5 + 1e-9));
        assertThat(r.horizonDistanceRxM()).isCloseTo(output(out, "d_hzn_rx__meter"), within(0.5 + 1e-9));
        assertThat(r.effectiveHeightTxM()).isCloseTo(output(out, "h_e_tx__meter"), within(0.05 + 1e-9));
        assertThat(r.effectiveHeightRxM()).isCloseTo(output(out, "h_e_rx__meter"), within(0.05 + 1e-9));
        assertThat(r.surfaceRefractivity()).isCloseTo(output(out, "N_s"), within(0.05 + 1e-9));
        assertThat(r.deltaHM()).isCloseTo(output(out, "delta_h__meter"), within(0.05 + 1e-9));
        assertThat(r.referenceAttenuationDb()).isCloseTo(output(out, "A_ref__db"), within(0.05 + 1e-9));
        assertThat(r.mode().code()).isEqualTo((int) output(out, "Mode of Propagation"));
        assertThat(r.warnings()).isEqualTo(Integer.decode(outputWord(out, "ITM Warning Flags")));
    }

    private static String outputWord(List<String> lines, String label) {
        for (String line : lines) {
            if (line.startsWith(label + " ")) {
                return line.substring(label.length()).trim().split("\\s+")[0];
            }
        }
        throw new AssertionError("label '" + label + "' not in output file");
    }

    @Test
    void pointToPointTimeLocationSituation() throws IOException {
        Map<String, double[]> in = inputs("i_p2ptls.txt");
        List<String> out = Files.readAllLines(dir().resolve("o_p2ptls.txt"));
        ItmResult r = new ItmPointToPoint(params(in, in.get("time")[0], in.get("location")[0], in.get("situation")[0]))
                .predict(profile(), in.get("h_tx__meter")[0], in.get("h_rx__meter")[0], in.get("f__mhz")[0]);
        assertThat(r.basicTransmissionLossDb()).isCloseTo(output(out, "Basic Transmission Loss"), within(0.05 + 1e-9));
        assertIntermediates(r, out);
    }

    /**
     * Confidence/reliability form, accidental mode (mdvar 1): reliability is the time quantile and
     * confidence the situation quantile; mode 1 ties the location quantile to the situation one.
     */
    @Test
    void pointToPointConfidenceReliabilityTable() throws IOException {
        Map<String, double[]> in = inputs("i_p2pcr_tbl.txt");
        assertThat((int) in.get("mdvar")[0]).isEqualTo(1);
        List<String> out = Files.readAllLines(dir().resolve("o_p2pcr_tbl.txt"));
        double[] conf = in.get("confidence");
        double[] rel = in.get("reliability");
        // the first numeric line under the header repeats the confidence levels
        List<double[]> rows = table(out, "Reliability").stream().filter(r -> r.length == conf.length + 1).toList();
        assertThat(rows).hasSize(rel.length);
        TerrainProfile profile = profile();
        for (int i = 0; i < rel.length; i++) {
            assertThat(rows.get(i)[0]).isEqualTo(rel[i]);
            for (int j = 0; j < conf.length; j++) {
                ItmResult r = new ItmPointToPoint(params(in, rel[i], conf[j], conf[j]))
                        .predict(profile, in.get("h_tx__meter")[0], in.get("h_rx__meter")[0], in.get("f__mhz")[0]);
                assertThat(r.basicTransmissionLossDb()).as("reliability %s confidence %s", rel[i], conf[j])
                        .isCloseTo(rows.get(i)[1 + j], within(0.05 + 1e-9));
            }
        }
    }

    @Test
    void areaTimeLocationSituation() throws IOException {
        Map<String, double[]> in = inputs("i_areatls.txt");
        List<String> out = Files.readAllLines(dir().resolve("o_areatls.txt"));
        ItmResult r = ItmArea.predict(in.get("h_tx__meter")[0], in.get("h_rx__meter")[0],
                SiteCriteria.ofCode((int) in.get("tx_site_criteria")[0]), SiteCriteria.ofCode((int) in.get("rx_site_criteria")[0]),
                in.get("d__km")[0], in.get("delta_h__meter")[0], in.get("f__mhz")[0],
                params(in, in.get("time")[0], in.get("location")[0], in.get("situation")[0]));
        assertThat(r.basicTransmissionLossDb()).isCloseTo(output(out, "Basic Transmission Loss"), within(0.05 + 1e-9));
        assertIntermediates(r, out);
    }

    /**
     * Area confidence table, broadcast mode over smooth ground (Δh = 0, so no location spread):
     * reliability is the time quantile, confidence the situation quantile.
     */
    @Test
    void areaConfidenceTableOverDistance() throws IOException {
        Map<String, double[]> in = inputs("i_areacr_tbl.txt");
        assertThat(in.get("delta_h__meter")[0]).isZero();
        List<String> out = Files.readAllLines(dir().resolve("o_areacr_tbl.txt"));
        List<double[]> rows = table(out, "(km)");
        double[] conf = in.get("confidence");
        double rel = in.get("reliability")[0];
        assertThat(rows).hasSizeGreaterThan(10);
        for (double[] row : rows) {
            for (int j = 0; j < conf.length; j++) {
                ItmResult r = ItmArea.predict(in.get("h_tx__meter")[0], in.get("h_rx__meter")[0],
                        SiteCriteria.ofCode((int) in.get("tx_site_criteria")[0]), SiteCriteria.ofCode((int) in.get("rx_site_criteria")[0]),
                        row[0], 0.0, in.get("f__mhz")[0], params(in, rel, 50, conf[j]));
                assertThat(r.freeSpaceLossDb()).isCloseTo(row[1], within(0.05 + 1e-9));
                assertThat(r.basicTransmissionLossDb()).as("d %s km confidence %s", row[0], conf[j])
                        .isCloseTo(row[2 + j], within(0.05 + 1e-9));
            }
        }
    }

    @Test
    void areaConfidenceReliabilitySingle() throws IOException {
        Map<String, double[]> in = inputs("i_areacr.txt");
        List<String> out = Files.readAllLines(dir().resolve("o_areacr.txt"));
        ItmResult r = ItmArea.predict(in.get("h_tx__meter")[0], in.get("h_rx__meter")[0],
                SiteCriteria.ofCode((int) in.get("tx_site_criteria")[0]), SiteCriteria.ofCode((int) in.get("rx_site_criteria")[0]),
                in.get("d__km")[0], in.get("delta_h__meter")[0], in.get("f__mhz")[0],
                params(in, in.get("reliability")[0], 50, in.get("confidence")[0]));
        assertThat(r.basicTransmissionLossDb()).isCloseTo(output(out, "Basic Transmission Loss"), within(0.05 + 1e-9));
        assertIntermediates(r, out);
    }
}
