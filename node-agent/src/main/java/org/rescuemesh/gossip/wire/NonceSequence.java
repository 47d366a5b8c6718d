package org.rescuemesh.gossip.wire;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 12-byte AES-GCM nonces: a random 4-byte prefix chosen per codec instance followed by a 64-bit
 * counter that starts at a random value. Every node seals under the same mission key, so nonces
 * must not collide across nodes: two instances only collide if they draw the same prefix and
 * their counter ranges overlap, which is negligible; one instance never repeats a nonce (2^64
 * frames). Cheaper than drawing 12 fresh random bytes per frame.
 */
final class NonceSequence {

    static final int NONCE_BYTES = 12;

    private final int prefix;
    private final AtomicLong counter;

    NonceSequence(SecureRandom random) {
        this.prefix = random.nextInt();
        this.counter = new AtomicLong(random.nextLong());
    }

    byte[] next() {
        return ByteBuffer.allocate(NONCE_BYTES).putInt(prefix).putLong(counter.getAndIncrement()).array();
    }
}
