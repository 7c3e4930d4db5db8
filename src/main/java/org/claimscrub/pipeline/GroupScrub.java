package org.claimscrub.pipeline;

import org.claimscrub.engine.Overrides;
import org.claimscrub.engine.Scrubber;
import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Finding;
import org.claimscrub.report.FindingsFilter;

import java.util.List;

/**
 * Scrubs one group of whole visits (a session's chunk in the CLI, a chunk of a Spark partition): the rules,
 * then the overrides, then which findings are findings rows. Both front ends go through here, so they agree.
 */
public final class GroupScrub {
    private final Scrubber scrubber;
    private final Overrides overrides;
    private final FindingsFilter filter;

    /**
     * @param findings every finding of the group, overrides applied
     * @param reported those that are rows of the findings file (the others go to the claims' notices)
     */
    public record Scrubbed(List<Finding> findings, List<Finding> reported) {
    }

    public GroupScrub(Scrubber scrubber, Overrides overrides, FindingsFilter filter) {
        this.scrubber = scrubber;
        this.overrides = overrides;
        this.filter = filter;
    }

    /** @param visits whole visits, each in input order */
    public Scrubbed scrub(List<List<ClaimLine>> visits) {
        List<Finding> found = overrides.apply(scrubber.scrubVisits(visits));
        return new Scrubbed(found, found.stream().filter(filter::inFindings).toList());
    }
}
