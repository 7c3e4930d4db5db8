package org.claimscrub.engine;

import org.claimscrub.model.Category;
import org.claimscrub.model.EditDefinition;
import org.claimscrub.model.Finding;
import org.claimscrub.model.Severity;
import org.claimscrub.spill.SpillFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FindingRunsTest {
    private static final EditDefinition NOTICE = edit("N-1", Severity.NOTICE);
    private static final EditDefinition ERROR = edit("E-1", Severity.ERROR);

    @TempDir
    Path tmp;

    private static EditDefinition edit(String id, Severity severity) {
        return new EditDefinition(id, Category.DOCUMENTATION, severity, "", "", "rule " + id, "made-up.drl");
    }

    private static Finding finding(long sourceLine, EditDefinition edit) {
        return new Finding(RegrouperTest.line(sourceLine, "C" + sourceLine, "PT1", "88305"), edit, "m");
    }

    private static String write(FindingRuns runs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runs.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mergesPartitionsInInputOrderWorstFirstWithinALineInMemoryOrSpilled() throws IOException {
        for (SpillFolder spill : new SpillFolder[] {null, SpillFolder.create(tmp, "work-")}) {
            try (FindingRuns runs = new FindingRuns(spill, new FindingRuns.RowFormat(
                    f -> Long.toString(f.line().source().line()), f -> " " + f.edit().editId(), f -> "\n"))) {
                List<Finding> second = new ArrayList<>(List.of(finding(7, NOTICE), finding(3, NOTICE)));
                List<Finding> chunkA = List.of(finding(5, NOTICE), finding(5, ERROR));
                List<Finding> chunkB = List.of(finding(2, NOTICE), finding(9, ERROR));
                runs.add(1, List.of(runs.rows(second)));
                runs.add(0, List.of(runs.rows(chunkA), runs.rows(chunkB)));
                assertEquals("2 N-1\n3 N-1\n5 E-1\n5 N-1\n7 N-1\n9 E-1\n", write(runs), "spill folder " + spill);
            }
        }
    }
}
