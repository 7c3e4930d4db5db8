package org.claimscrub.cli;
import picocli.CommandLine.Command;
import java.util.concurrent.Callable;
@Command(name = "explain")
final class ExplainCommand implements Callable<Integer> {
    public Integer call() { return 0; }
}
