package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;

/** Receives what a reader makes of each input line: a claim line, or a reject with its reason. */
public interface ClaimSink {
    void accept(ClaimLine line);

    void reject(Reject reject);
}
