package org.rescuemesh.coordinator.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * A subcommand that {@link CoordinatorMain} can run straight from a plain command line, without
 * building picocli's model (which costs about 0.1 s of a short run; see docs/bench/viewshed.md).
 * Its picocli annotations stay the definition: {@code PlainCommandLineTest} checks that
 * {@link #plainOptions()} names the same options with the same defaults.
 */
interface PlainOptionCommand {

    /** Every option of the command except the standard help options. */
    List<PlainOption> plainOptions();

    /**
     * Converts and stores one value as picocli's converter for the field would; throws (any
     * RuntimeException) when picocli would reject the text, so the caller hands over to picocli.
     */
    void setOption(String name, String value);

    /** Runs the command once its options are set; returns the exit code. */
    int run(PrintWriter out, PrintWriter err);
}
