package org.rescuemesh.agent.relay;

/**
 * Tunables of store-carry-forward.
 *
 * @param sprayCopies      copies the origin hands out to carriers when no recipient is reachable
 *                         (source spray-and-wait: carriers only hand it to recipients)
 * @param hopLimit         hops_left a new message starts with
 * @param retryMs          how long a hand-over waits for its receipt before it is sent again
 *                         (doubling with each unanswered send, up to 32 times)
 * @param receiptTries     sends of one receipt to one member while that member stays alive
 * @param sendsPerTick     messages handed over per tick at most, so SOS goes before the backlog
 * @param retentionMs      how long a message is kept after it expired (status queries, duplicates)
 * @param compactBytes     journal size from which compaction is considered (it runs when the
 *                         journal is also over twice the size of what is live)
 */
public record RelayConfig(int sprayCopies, int hopLimit, long retryMs, int receiptTries, int sendsPerTick,
                          long retentionMs, long compactBytes) {

    public static final int MAX_TEXT_BYTES = 4096;
    public static final int MAX_ATTACHMENT_BYTES = 65_536;
    public static final int DEFAULT_LIFETIME_S = 86_400;
    public static final int MAX_LIFETIME_S = 7 * 86_400;

    public RelayConfig {
        if (sprayCopies < 0 || hopLimit < 1 || retryMs < 1 || receiptTries < 1 || sendsPerTick < 1
                || retentionMs < 0 || compactBytes < 1) {
            throw new IllegalArgumentException("relay tunables out of range");
        }
    }

    /** Wi-Fi mesh: retries every 2 s, three carriers, one day kept after expiry, compaction from 4 MiB. */
    public static RelayConfig lan() {
        return new RelayConfig(3, 8, 2_000, 3, 64, 86_400_000L, 4L << 20);
    }

    /**
     * LoRa-class radio: a retry every 2 min (a probe period; airtime is the budget), two
     * carriers, four hand-overs per tick.
     */
    public static RelayConfig lora() {
        return new RelayConfig(2, 8, 120_000, 2, 4, 86_400_000L, 4L << 20);
    }

    /** By gossip profile name: {@code lan} or {@code lora}. */
    public static RelayConfig profile(String name) {
        return "lora".equals(name) ? lora() : lan();
    }

    public RelayConfig withRetryMs(long ms) {
        return new RelayConfig(sprayCopies, hopLimit, ms, receiptTries, sendsPerTick, retentionMs, compactBytes);
    }

    public RelayConfig withSendsPerTick(int n) {
        return new RelayConfig(sprayCopies, hopLimit, retryMs, receiptTries, n, retentionMs, compactBytes);
    }

    public RelayConfig withCompactBytes(long bytes) {
        return new RelayConfig(sprayCopies, hopLimit, retryMs, receiptTries, sendsPerTick, retentionMs, bytes);
    }

    public RelayConfig withSprayCopies(int n) {
        return new RelayConfig(n, hopLimit, retryMs, receiptTries, sendsPerTick, retentionMs, compactBytes);
    }
}
