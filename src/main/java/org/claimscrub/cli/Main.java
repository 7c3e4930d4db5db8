package org.claimscrub.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code claimscrub} command and its subcommands. */
@Command(name = "claimscrub", mixinStandardHelpOptions = true, version = "claimscrub 0.1.0",
        description = "Scrubs medical claim lines against Drools edit rules before submission.",
        subcommands = {ScrubCommand.class, RulesCommand.class, ExplainCommand.class, BenchCommand.class,
            BenchPtpCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; used by main and by tests. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
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
        return cli.execute(args);
    }
}
