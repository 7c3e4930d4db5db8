package org.claimscrub.cli;
import picocli.CommandLine.Command;
import java.util.concurrent.Callable;
@Command(name = "catalog")
final class RulesCatalogCommand implements Callable<Integer> {
    public Integer call() { return 0; }
}
