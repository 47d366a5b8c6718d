package org.rescuemesh.coordinator.cli;

import static org.rescuemesh.coordinator.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRelaysCommandTest {
    private static final String AREA = "POLYGON((120.54 15.49, 120.56 15.49, 120.56 15.51, 120.54 15.51, 120.54 15.49))";

    @TempDir
    Path dir;

    /** N15E120 at 3": 100 m plain with a 1,100 m north-south ridge at 120.514 E. */
    private Path ridgeTile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1201 * 1201 * 2).order(ByteOrder.BIG_ENDIAN);
        for (int r = 0; r < 1201; r++) {
            for (int c = 0; c < 1201; c++) {
                int off = Math.abs(c - 617);
                b.putShort((short) (off < 8 ? 100 + 1000 * (8 - off) / 8 : 100));
            }
        }
        Path hgt = dir.resolve("N15E120.hgt");
        Files.write(hgt, b.array());
        return hgt;
    }

    @Test
    void proposesARidgeRelayThatReconnectsTheTeamBehindIt() throws IOException {
        Path hgt = ridgeTile();
        Path nodes = dir.resolve("nodes.csv");
        Files.writeString(nodes, "id,lat,lon,height,profile\n# team behind the ridge\nt1,15.5,120.55\nt2,15.505,120.552,1.5\n"
                + "t3,15.495,120.548,1.5,lora-868-sf12\n");
        CliRun r = run("plan-relays", "--dem", hgt.toString(), "--nodes", nodes.toString(), "--command-post", "15.5,120.45",
                "--search-area", AREA, "--k", "1", "--candidates", "40", "--candidate-radius-km", "12", "--cell-m", "500");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"relays\"").contains("reconnects t1, t2, t3");
        double lon = Double.parseDouble(r.out().replaceAll("(?s).*\"lonDeg\":\\s*([0-9.]+).*", "$1"));
        assertThat(lon).as("relay on the ridge").isBetween(120.505, 120.523);
    }

    @Test
    void badInputNamesTheProblem() throws IOException {
        Path hgt = ridgeTile();
        Path nodes = dir.resolve("nodes.csv");
        Files.writeString(nodes, "t1,15.5,120.55\n");
        CliRun missing = run("plan-relays", "--dem", hgt.toString(), "--nodes", dir.resolve("none.csv").toString(),
                "--command-post", "15.5,120.45", "--search-area", AREA, "--k", "1");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("none.csv: no such file");

        CliRun bowtie = run("plan-relays", "--dem", hgt.toString(), "--nodes", nodes.toString(), "--command-post", "15.5,120.45",
                "--search-area", "POLYGON((120.5 15.4, 120.6 15.5, 120.6 15.4, 120.5 15.5, 120.5 15.4))", "--k", "1");
        assertThat(bowtie.exit()).isNotZero();
        assertThat(bowtie.err()).startsWith("plan-relays: ").contains("search area").doesNotContain("\tat ");

        Files.writeString(nodes, "t1,north,120.55\n");
        CliRun badLine = run("plan-relays", "--dem", hgt.toString(), "--nodes", nodes.toString(), "--command-post", "15.5,120.45",
                "--search-area", AREA, "--k", "1");
        assertThat(badLine.exit()).isNotZero();
        assertThat(badLine.err()).contains("nodes.csv line 1");

        CliRun cp = run("plan-relays", "--dem", hgt.toString(), "--nodes", nodes.toString(), "--command-post", "15.5",
                "--search-area", AREA, "--k", "1");
        assertThat(cp.exit()).isNotZero();
        assertThat(cp.err()).contains("--command-post must be LAT,LON");
    }
}
