package org.claimscrub.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** The {@code claimscrub} command and its subcommands. */
@Command(name = "claimscrub", mixinStandardHelpOptions = true, version = "claimscrub 0.1.0",
        description = "Scrubs medical claim lines against Drools edit rules before submission.")
public final class Main {
    static final String OUT_OF_MEMORY_MESSAGE = "claimscrub: out of memory, nothing written: give Java more heap"
            + " (e.g. CLAIMSCRUB_JAVA_OPTS=\"-Xmx4g -XX:+UseParallelGC\"), or a smaller --memory-budget; an input"
            + " line of hundreds of MB cannot be scrubbed at all";
    /**
     * The subcommands, in the order the usage lists them. Not in the annotation: picocli builds the model of every
     * subcommand it is given (reflection over each one's options, on every start), and a run needs one.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ScrubCommand.class, RulesCommand.class,
            ExplainCommand.class, BenchCommand.class, BenchPtpCommand.class, BenchPlainCommand.class,
            CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; used by main and by tests. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        addSubcommands(cli, args.length > 0 ? args[0] : null);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                ? ExitCode.USAGE.code() : ExitCode.INTERNAL.code());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            System.err.println("claimscrub: internal error: " + e);
            if (System.getenv("CLAIMSCRUB_DEBUG") != null) {
                e.printStackTrace();
            } else {
                System.err.println("Set CLAIMSCRUB_DEBUG=1 for the stack trace, and please report it.");
            }
            return ExitCode.INTERNAL.code();
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // what held the heap is unreachable once the error has unwound, so a message can still be printed
            System.err.println(OUT_OF_MEMORY_MESSAGE);
            return ExitCode.OUT_OF_MEMORY.code();
        }
    }

    /**
     * Only the subcommand the first argument names, when it names one; else all of them, for the usage, for
     * {@code help} (which lists or describes its siblings) and for the "did you mean" of a mistyped name.
     */
    private static void addSubcommands(CommandLine cli, String first) {
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first))
                .toList();
        for (Class<?> subcommand : named.isEmpty() ? SUBCOMMANDS : named) {
            cli.addSubcommand(subcommand);
        }
    }
}
