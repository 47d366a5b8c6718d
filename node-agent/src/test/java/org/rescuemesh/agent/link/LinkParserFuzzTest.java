package org.rescuemesh.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tool output we did not foresee (new versions, locales, truncated pipes) must never throw. */
class LinkParserFuzzTest {

    private static final List<String> FIXTURES = List.of("batctl-n-batman-iv.txt", "batctl-n-batman-v.txt",
            "batctl-o-batman-iv.txt", "batctl-o-batman-v.txt", "batctl-o-debugfs-2016.txt",
            "iw-station-dump-mesh.txt", "iw-station-dump-ibss.txt");

    @Test
    void mutatedAndRandomOutputsParseWithoutExceptions() {
        Random random = new Random(9);
        String alphabet = "0123456789999999999999999.:()[]*- \t\nabcdefMBit/sdBmStation (on mesh0)";
        int rows = 0;
        for (int i = 0; i < 5_000; i++) {
            char[] text = LinkFixtures.read(FIXTURES.get(random.nextInt(FIXTURES.size()))).toCharArray();
            int edits = 1 + random.nextInt(20);
            for (int e = 0; e < edits; e++) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String output = new String(text, 0, random.nextInt(text.length + 1));
            if (i % 10 == 0) {
                StringBuilder noise = new StringBuilder();
                for (int c = 0; c < 400; c++) {
                    noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                output = noise.toString();
            }
            rows += BatctlParser.neighbours(output).rows().size();
            LinkParse<BatmanOriginator> originators = BatctlParser.originators(output);
            rows += BatctlParser.directLinks(originators.rows()).size();
            for (WifiStation station : IwStationDumpParser.parse(output).rows()) {
                station.toSample().applyTo(org.rescuemesh.proto.v1.LinkReport.newBuilder());
                rows++;
            }
        }
        assertThat(rows).as("mutations leave most rows readable").isPositive();
    }

    @Test
    void hugeNumbersAreSkippedNotThrown() {
        assertThat(BatctlParser.originators(
                " * 02:ba:7a:df:00:02 99999999999999999999.560s   (99999999999) 02:ba:7a:df:00:02 [ mesh0]\n")
                .skippedLines()).isEqualTo(1);
        LinkParse<WifiStation> iw = IwStationDumpParser.parse(
                "Station 02:ba:7a:df:00:02 (on mesh0)\n\ttx failed:\t99999999999999999999\n"
                        + "\tinactive time:\t99999999999999999999999 ms\n");
        assertThat(iw.skippedLines()).isEqualTo(1);
        assertThat(iw.rows().get(0).txFailed()).isEmpty();
    }
}
