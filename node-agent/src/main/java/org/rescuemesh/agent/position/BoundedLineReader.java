package org.rescuemesh.agent.position;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads text lines from a device, file or socket without trusting it: any byte is accepted
 * (ISO-8859-1, so decoding never fails), and a line longer than the limit is cut to limit + 1
 * characters with the rest of it skipped, so garbage without newlines cannot exhaust memory.
 * The caller's parser then rejects the over-long line.
 */
final class BoundedLineReader {

    private final InputStream in;
    private final int maxChars;
    private final byte[] buffer = new byte[4096];
    private int pos;
    private int limit;

    BoundedLineReader(InputStream in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** @return the next line without its terminator, or null at end of input */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line.toString() : null;
                }
            }
            any = true;
            byte b = buffer[pos++];
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() <= maxChars) {
                line.append((char) (b & 0xff));
            }
        }
    }
}
