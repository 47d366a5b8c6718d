package org.rescuemesh.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s planning flags: every mistake is named before anything starts listening. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private Path tokens() throws Exception {
        Path f = dir.resolve("tokens.txt");
        Files.writeString(f, "t ops admin\n");
        return f;
    }

    /** A flat 3" tile N11E124 at 100 m. */
    private Path tile() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(1201 * 1201 * 2).order(ByteOrder.BIG_ENDIAN);
        while (b.hasRemaining()) {
            b.putShort((short) 100);
        }
        Path hgt = dir.resolve("N11E124.hgt");
        Files.write(hgt, b.array());
        return hgt;
    }

    private CliRun serve(String... planning) throws Exception {
        String[] base = {"serve", "--tokens-file", tokens().toString(), "--data-dir", "none", "--http-port", "0",
                "--grpc-port", "0", "--gossip-port", "0", "--cluster-port", "0"};
        String[] all = new String[base.length + planning.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(planning, 0, all, base.length, planning.length);
        return CliRun.run(all);
    }

    @Test
    void planningFlagsAreCheckedBeforeStarting() throws Exception {
        String tile = tile().toString();
        CliRun noPost = serve("--dem", tile);
        assertThat(noPost.exit()).isEqualTo(2);
        assertThat(noPost.err()).contains("--dem needs --command-post");

        CliRun outside = serve("--dem", tile, "--command-post", "12.5,124.5");
        assertThat(outside.exit()).isEqualTo(2);
        assertThat(outside.err()).contains("command post 12.5,124.5 is outside the DEM");

        CliRun garbled = serve("--dem", tile, "--command-post", "11.5;124.5");
        assertThat(garbled.exit()).isEqualTo(2);
        assertThat(garbled.err()).contains("--command-post '11.5;124.5'");

        CliRun badLat = serve("--dem", tile, "--command-post", "95,124.5");
        assertThat(badLat.err()).contains("latitude must be within -90..90");

        CliRun radio = serve("--dem", tile, "--command-post", "11.5,124.5", "--radio", "cb-27");
        assertThat(radio.exit()).isEqualTo(2);
        assertThat(radio.err()).contains("unknown radio profile 'cb-27'").contains("uhf-handheld");

        CliRun mast = serve("--dem", tile, "--command-post", "11.5,124.5", "--command-post-height", "-3");
        assertThat(mast.err()).contains("--command-post-height must be 0..3000 m");

        CliRun postOnly = serve("--command-post", "11.5,124.5");
        assertThat(postOnly.err()).contains("--command-post needs --dem");

        CliRun missing = serve("--dem", dir.resolve("nope.hgt").toString(), "--command-post", "11.5,124.5");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ").doesNotContain("Exception");

        CliRun mac = serve("--mesh-mac", "02:00:00:00:00");
        assertThat(mac.exit()).isEqualTo(2);
        assertThat(mac.err()).contains("--mesh-mac: not a MAC address");

        CliRun radioPort = serve("--meshtastic", "radio.local:44o3");
        assertThat(radioPort.exit()).isEqualTo(2);
        assertThat(radioPort.err()).contains("--meshtastic: 'radio.local:44o3': port is not a number");
    }
}
