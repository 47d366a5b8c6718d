package org.rescuemesh.gossip.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mission keys a node knows: the primary seals outgoing frames, every key (primary and
 * older ones kept during a rotation) opens incoming frames.
 *
 * <p>Key file format (UTF-8 text): one key per line, each the standard base64 (RFC 4648, with
 * padding) of exactly 32 random bytes, as printed by {@code node-agent.jar keygen}. The first key
 * is the primary; later keys are only accepted for opening. Blank lines and lines starting with
 * {@code #} are ignored; surrounding whitespace is trimmed.
 */
public final class Keyring {

    private static final System.Logger LOG = System.getLogger(Keyring.class.getName());

    private final MissionKey primary;
    private final List<MissionKey> keys;
    private final Map<Integer, MissionKey> byId;

    /** @param keys primary first, then keys still accepted for opening; at least one */
    public Keyring(List<MissionKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a keyring needs at least one key");
        }
        Map<Integer, MissionKey> ids = new HashMap<>();
        for (MissionKey key : keys) {
            MissionKey clash = ids.putIfAbsent(key.keyId(), key);
            if (clash != null) {
                // Two different keys with the same 32-bit id would make frames ambiguous; the same
                // key twice is a copy-paste slip. Either way the operator must fix the file.
                throw new IllegalArgumentException(clash.sameKeyAs(key)
                        ? "key " + key.keyIdHex() + " is listed twice"
                        : "two different keys share key id " + key.keyIdHex() + "; generate a new key");
            }
        }
        this.primary = keys.get(0);
        this.keys = List.copyOf(keys);
        this.byId = Map.copyOf(ids);
    }

    public static Keyring of(byte[]... rawKeys) {
        List<MissionKey> keys = new ArrayList<>();
        for (byte[] raw : rawKeys) {
            keys.add(new MissionKey(raw));
        }
        return new Keyring(keys);
    }

    /** Reads a key file (format in the class comment). */
    public static Keyring load(Path keyFile) throws KeyFileException {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new KeyFileException("key file " + keyFile + " does not exist (create one with `node-agent.jar keygen > "
                    + keyFile.getFileName() + "`)");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new KeyFileException("key file " + keyFile + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new KeyFileException("cannot read key file " + keyFile + ": " + e.getMessage(), e);
        }
        warnIfReadableByOthers(keyFile);
        return parse(text, keyFile.toString());
    }

    /** Parses key file text; {@code origin} names the source in error messages. */
    public static Keyring parse(String text, String origin) throws KeyFileException {
        List<MissionKey> keys = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(line);
            } catch (IllegalArgumentException e) {
                throw new KeyFileException(origin + " line " + lineNo + ": not a base64 key ("
                        + e.getMessage() + ")");
            }
            if (raw.length != MissionKey.KEY_BYTES) {
                throw new KeyFileException(origin + " line " + lineNo + ": key is " + raw.length
                        + " bytes, AES-256 needs exactly " + MissionKey.KEY_BYTES + " (use `node-agent.jar keygen`)");
            }
            keys.add(new MissionKey(raw));
        }
        if (keys.isEmpty()) {
            throw new KeyFileException(origin + " contains no key (expected base64 keys, one per line, primary first)");
        }
        try {
            return new Keyring(keys);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(origin + ": " + e.getMessage());
        }
    }

    private static void warnIfReadableByOthers(Path keyFile) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                LOG.log(System.Logger.Level.WARNING, "key file {0} is readable by group/others; chmod 600 it", keyFile);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check.
        }
    }

    public MissionKey primary() {
        return primary;
    }

    /** Every key, primary first. */
    public List<MissionKey> keys() {
        return keys;
    }

    public Optional<MissionKey> forKeyId(int keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Keyring[primary=").append(primary.keyIdHex());
        for (int i = 1; i < keys.size(); i++) {
            s.append(i == 1 ? ", older=" : ",").append(keys.get(i).keyIdHex());
        }
        return s.append(']').toString();
    }
}
