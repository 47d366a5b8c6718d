package org.rescuemesh.gossip.wire;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 mission key and its key id (the first 4 bytes of SHA-256 of the key, big-endian),
 * which frames carry so a receiver picks the right key without trial decryption.
 */
public final class MissionKey {

    public static final int KEY_BYTES = 32;

    private final SecretKeySpec secret;
    private final int keyId;

    public MissionKey(byte[] keyBytes) {
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("a mission key must be " + KEY_BYTES + " bytes (AES-256), got "
                    + keyBytes.length);
        }
        this.secret = new SecretKeySpec(keyBytes, "AES");
        this.keyId = keyIdOf(keyBytes);
    }

    public static int keyIdOf(byte[] keyBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
            return ByteBuffer.wrap(digest, 0, 4).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every Java runtime", e);
        }
    }

    public int keyId() {
        return keyId;
    }

    SecretKeySpec secret() {
        return secret;
    }

    /** Key id as 8 hex digits, the only form of a key that may appear in logs. */
    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    boolean sameKeyAs(MissionKey other) {
        return Arrays.equals(secret.getEncoded(), other.secret.getEncoded());
    }

    @Override
    public String toString() {
        return "MissionKey[id=" + keyIdHex() + "]";
    }
}
