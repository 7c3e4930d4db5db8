package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;

import java.util.function.Consumer;

/** Receives what a reader makes of each input line: a claim line, or a reject with its reason. */
public interface ClaimSink {
    void accept(ClaimLine line);

    void reject(Reject reject);

    /** A sink from two callbacks, e.g. {@code ClaimSink.of(lines::add, rejects::add)}. */
    static ClaimSink of(Consumer<ClaimLine> onLine, Consumer<Reject> onReject) {
        return new ClaimSink() {
            @Override
            public void accept(ClaimLine line) {
                onLine.accept(line);
            }

            @Override
            public void reject(Reject reject) {
                onReject.accept(reject);
            }
        };
    }
}
