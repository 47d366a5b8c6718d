package org.rescuemesh.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad link flags stop {@code run} before it binds anything, with the flag named and no stack trace. */
class RunCommandLinkFlagsTest {

    private record Result(int code, String err) {
    }

    private static Result run(String... flags) {
        String[] args = new String[flags.length + 7];
        System.arraycopy(new String[]{"run", "--id", "flags-test", "--api", "off", "--bind", "127.0.0.1:0"}, 0, args, 0, 7);
        System.arraycopy(flags, 0, args, 7, flags.length);
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(AgentMain.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    private static void assertRefused(Result r, String mention) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(mention).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void refusesBadLinkFlagsClearly() {
        assertRefused(run("--link-source", "olsr"), "--link-source");
        assertRefused(run("--link-source", "batctl,iw", "--link-command", "cat x"), "--link-command");
        assertRefused(run("--link-source", "iw", "--link-interval-ms", "5"), "--link-interval-ms");
        assertRefused(run("--mesh-mac", "02:ba:7a:df:00:0x"), "--mesh-mac");
        assertRefused(run("--mesh-mac", "02:ba:7a:df:00:01,02:ba:7a:df:00:02,02:ba:7a:df:00:03,02:ba:7a:df:00:04,"
                + "02:ba:7a:df:00:05,02:ba:7a:df:00:06,02:ba:7a:df:00:07,02:ba:7a:df:00:08,02:ba:7a:df:00:09"), "at most 8");
        assertRefused(run("--mesh-interface", "bat0;reboot"), "--mesh-interface");
    }

    @Test
    void parsesMeshMacListsWithoutDuplicates() {
        assertThat(org.rescuemesh.agent.link.MeshInterfaces.parseMacList("--mesh-mac", "02:BA:7a:df:00:01, 02-ba-7a-df-00-01,02:ba:7a:df:00:02,"))
                .extracting(Object::toString).containsExactly("02:ba:7a:df:00:01", "02:ba:7a:df:00:02");
    }
}
