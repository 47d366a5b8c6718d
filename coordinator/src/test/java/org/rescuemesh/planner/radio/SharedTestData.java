package org.rescuemesh.planner.radio;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared reference data ({@code shared/testdata/itm}), which lives beside the
 * repository checkout (CI places {@code shared/} next to the clone). Order: system property
 * {@code rescuemesh.shared} / {@code RESCUEMESH_SHARED}, environment {@code RESCUEMESH_SHARED},
 * then walking up from the working directory, and last the copy bundled with the tests
 * ({@code src/test/resources/ntia-itm}, NTIA's public-domain reference outputs) so a clone
 * without {@code shared/} beside it still tests against them. Missing data fails the test,
 * unless {@code RESCUEMESH_SKIP_SHARED=1} explicitly asks to skip.
 */
final class SharedTestData {
    private SharedTestData() {
    }

    static Path itmDir() {
        assumeFalse("1".equals(System.getenv("RESCUEMESH_SKIP_SHARED")),
                "RESCUEMESH_SKIP_SHARED=1: shared ITM reference data deliberately skipped");
        for (String configured : new String[] {System.getProperty("rescuemesh.shared"),
                System.getProperty("RESCUEMESH_SHARED"), System.getenv("RESCUEMESH_SHARED")}) {
            if (configured != null && !configured.isBlank()) {
                Path base = Path.of(configured);
                for (Path candidate : new Path[] {base.resolve("testdata/itm"), base.resolve("shared/testdata/itm"), base}) {
                    if (Files.isRegularFile(candidate.resolve("p2p.csv"))) {
                        return candidate;
                    }
                }
                throw new IllegalStateException("RESCUEMESH_SHARED=" + configured + " does not contain testdata/itm/p2p.csv");
            }
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/testdata/itm");
            if (Files.isRegularFile(candidate.resolve("p2p.csv"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        java.net.URL bundled = SharedTestData.class.getResource("/ntia-itm/p2p.csv");
        if (bundled != null && "file".equals(bundled.getProtocol())) {
            try {
                return Path.of(bundled.toURI()).getParent();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("bundled ITM reference data has an unusable location: " + bundled, e);
            }
        }
        throw new IllegalStateException("shared ITM reference data not found: looked for shared/testdata/itm above "
                + Path.of("").toAbsolutePath() + "; set RESCUEMESH_SHARED to the shared folder, or RESCUEMESH_SKIP_SHARED=1 to skip");
    }
}
