package org.rescuemesh.coordinator.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code coordinator.jar}: one subcommand per job.
 *
 * <p>Building picocli's model of the whole command tree costs about 0.1 s of CPU before any work
 * starts (reflection over every subcommand's annotated fields, annotation proxies, converters),
 * which is most of a {@code viewshed} run's budget against gdal_viewshed. So a plain, valid
 * {@code viewshed} or {@code coverage} command line and a lone {@code --version} are handled without
 * picocli ({@link PlainCommandLine}); everything else, including every error and help request, goes
 * through picocli exactly as before.
 */
@Command(name = "coordinator.jar",
        mixinStandardHelpOptions = true,
        version = CoordinatorMain.VERSION,
        description = "RescueMesh coordinator: live operating picture, agency ingest, planning.",
        subcommands = {
                DemoCommand.class,
                ServeCommand.class,
                ViewshedCommand.class,
                CoverageCommand.class,
                PlanRelaysCommand.class,
                BenchIngestCommand.class,
        })
public final class CoordinatorMain implements Runnable {

    static final String VERSION = "RescueMesh coordinator 0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; used by tests so they never call System.exit. */
    public static int execute(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            PrintWriter out = PlainCommandLine.writer(System.out, "sun.stdout.encoding");
            out.println(VERSION);
            out.flush();
            return 0;
        }
        PlainOptionCommand plain = args.length == 0 ? null : plainCommand(args[0]);
        if (plain != null && PlainCommandLine.apply(plain, args, 1)) {
            return PlainCommandLine.run(plain);
        }
        return new CommandLine(new CoordinatorMain()).execute(args);
    }

    /** A fresh subcommand that can take the short path, or null. */
    private static PlainOptionCommand plainCommand(String name) {
        return switch (name) {
            case "viewshed" -> new ViewshedCommand();
            case "coverage" -> new CoverageCommand();
            default -> null;
        };
    }
}
