package org.claimscrub.report;

import java.nio.file.Path;

/** Commits report after report (named by the prefix given and a number) into one folder until killed: the child process of {@link KilledCommitTest}. */
public final class CommitLoop {
    private CommitLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        for (long generation = 1; ; generation++) {
            ReportFolderTest.report(out, args[1] + "-" + generation,
                    generation % 2 == 0 ? "findings.csv" : "findings.jsonl");
        }
    }
}
