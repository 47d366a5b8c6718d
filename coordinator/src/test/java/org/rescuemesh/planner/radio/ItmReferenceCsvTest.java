package org.rescuemesh.planner.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NTIA ITM v1.4 reference cases: p2p.csv + pfls.csv (point-to-point) and area.csv. */
class ItmReferenceCsvTest {
    private static final int[] P2P_WARNINGS = {0x0000, 0x0400, 0x0000, 0x0000, 0x0600};

    private static List<String[]> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).skip(1).map(l -> l.split(",")).toList();
    }

    private static double[] numbers(String[] cells) {
        double[] v = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            v[i] = Double.parseDouble(cells[i].trim());
        }
        return v;
    }

    @Test
    void pointToPointCasesWithin0005DbAndSameWarnings() throws IOException {
        Path dir = SharedTestData.itmDir();
        List<String[]> cases = rows(dir.resolve("p2p.csv"));
        List<String> profiles = Files.readAllLines(dir.resolve("pfls.csv")).stream().filter(l -> !l.isBlank()).toList();
        assertThat(cases).hasSize(5);
        assertThat(profiles).hasSize(5);
        double maxErr = 0;
        for (int i = 0; i < cases.size(); i++) {
            double[] c = numbers(cases.get(i));
            // h_tx,h_rx,epsilon,sigma,N_0,f,pol,climate,time,location,situation,mdvar,A
            ItmParameters p = new ItmParameters(Climate.ofCode((int) c[7]), c[4], c[2], c[3], Polarization.ofCode((int) c[6]),
                    (int) c[11], c[8], c[9], c[10]);
            TerrainProfile profile = TerrainProfile.fromPfl(numbers(profiles.get(i).split(",")));
            ItmResult r = new ItmPointToPoint(p).predict(profile, c[0], c[1], c[5]);
            double err = Math.abs(r.basicTransmissionLossDb() - c[12]);
            maxErr = Math.max(maxErr, err);
            System.out.printf("p2p case %d: %.4f dB (reference %.2f), warnings 0x%04x%n", i + 1, r.basicTransmissionLossDb(), c[12], r.warnings());
            assertThat(err).as("case %d loss error", i + 1).isLessThanOrEqualTo(0.005);
            assertThat(r.warnings()).as("case %d warnings", i + 1).isEqualTo(P2P_WARNINGS[i]);
        }
        System.out.printf("p2p.csv: max |dA| = %.4f dB%n", maxErr);
    }

    @Test
    void areaCasesWithin005Db() throws IOException {
        List<String[]> cases = rows(SharedTestData.itmDir().resolve("area.csv"));
        assertThat(cases).hasSize(5);
        double maxErr = 0;
        for (int i = 0; i < cases.size(); i++) {
            double[] c = numbers(cases.get(i));
            // h_tx,h_rx,delta_h,mdvar,d_km,tx_site,rx_site,epsilon,sigma,N_0,f,pol,climate,time,location,situation,A
            ItmParameters p = new ItmParameters(Climate.ofCode((int) c[12]), c[9], c[7], c[8], Polarization.ofCode((int) c[11]),
                    (int) c[3], c[13], c[14], c[15]);
            ItmResult r = ItmArea.predict(c[0], c[1], SiteCriteria.ofCode((int) c[5]), SiteCriteria.ofCode((int) c[6]),
                    c[4], c[2], c[10], p);
            double err = Math.abs(r.basicTransmissionLossDb() - c[16]);
            maxErr = Math.max(maxErr, err);
            System.out.printf("area case %d: %.4f dB (reference %.1f), warnings 0x%04x%n", i + 1, r.basicTransmissionLossDb(), c[16], r.warnings());
            assertThat(err).as("area case %d loss error", i + 1).isLessThanOrEqualTo(0.05);
            assertThat(r.warnings()).as("area case %d warnings", i + 1).isZero();
        }
        System.out.printf("area.csv: max |dA| = %.4f dB%n", maxErr);
    }
}
