package org.rescuemesh.gossip.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rescuemesh.gossip.wire.TestFrames.key;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {

    @TempDir
    Path dir;

    private static String b64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void loadsPrimaryFirstThenOlderKeysSkippingCommentsAndBlankLines() throws Exception {
        Path file = dir.resolve("mission.key");
        Files.writeString(file, "# rotated 2026-11-28\n\n  " + b64(key(2)) + "  \r\n" + b64(key(1)) + "\n");

        Keyring keyring = Keyring.load(file);

        assertThat(keyring.primary().keyId()).isEqualTo(MissionKey.keyIdOf(key(2)));
        assertThat(keyring.keys()).hasSize(2);
        assertThat(keyring.forKeyId(MissionKey.keyIdOf(key(1)))).isPresent();
        assertThat(keyring.forKeyId(MissionKey.keyIdOf(key(3)))).isEmpty();
    }

    @Test
    void keyIdIsTheFirstFourBytesOfSha256() throws Exception {
        byte[] key = key(1);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key);
        int expected = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8)
                | (digest[3] & 0xff);
        assertThat(new MissionKey(key).keyId()).isEqualTo(expected);
        assertThat(new MissionKey(key).toString()).doesNotContain(b64(key));
    }

    @Test
    void wrongKeyLengthNamesTheLineAndTheLength() throws Exception {
        Path file = dir.resolve("short.key");
        Files.writeString(file, b64(key(1)) + "\n" + b64(new byte[16]) + "\n");
        assertThatThrownBy(() -> Keyring.load(file)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("line 2").hasMessageContaining("16 bytes").hasMessageContaining("32");
    }

    @Test
    void notBase64IsAClearError() throws Exception {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "this is not a key!\n");
        assertThatThrownBy(() -> Keyring.load(file)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("line 1").hasMessageContaining("not a base64 key");
    }

    @Test
    void emptyMissingBinaryAndDuplicateFilesAreClearErrors() throws Exception {
        Path empty = dir.resolve("empty.key");
        Files.writeString(empty, "# nothing here\n\n");
        assertThatThrownBy(() -> Keyring.load(empty)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("contains no key");

        assertThatThrownBy(() -> Keyring.load(dir.resolve("absent.key"))).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("keygen");

        Path binary = dir.resolve("binary.key");
        Files.write(binary, new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff, 0x00});
        assertThatThrownBy(() -> Keyring.load(binary)).isInstanceOf(KeyFileException.class);

        Path twice = dir.resolve("twice.key");
        Files.writeString(twice, b64(key(1)) + "\n" + b64(key(1)) + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Keyring.load(twice)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("listed twice");
    }

    @Test
    void aKeyFromKeygenLoads() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(org.rescuemesh.agent.cli.AgentMain.execute("keygen")).isZero();
        } finally {
            System.setOut(old);
        }
        Path file = dir.resolve("generated.key");
        Files.writeString(file, out.toString(StandardCharsets.UTF_8));
        assertThat(Keyring.load(file).keys()).hasSize(1);
    }
}
