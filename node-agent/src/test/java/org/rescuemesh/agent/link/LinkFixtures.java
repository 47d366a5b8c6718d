package org.rescuemesh.agent.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

final class LinkFixtures {

    private LinkFixtures() {
    }

    static String read(String name) {
        try (InputStream in = LinkFixtures.class.getResourceAsStream("/link/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
