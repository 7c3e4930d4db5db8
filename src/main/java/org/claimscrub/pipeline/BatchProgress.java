package org.claimscrub.pipeline;

/** What a batch run reports of its progress; the CLI draws it, other front ends may ignore it. */
public interface BatchProgress {
    /** Does nothing: for a front end with its own progress (Spark's UI). */
    BatchProgress NONE = new BatchProgress() {
        @Override
        public void phase(String name, long total) {
        }

        @Override
        public void advance(long amount) {
        }

        @Override
        public void lines(long lines) {
        }
    };

    /** A new phase of {@code total} units (bytes while reading, lines while scrubbing). */
    void phase(String name, long total);

    /** {@code amount} more units of the phase done. */
    void advance(long amount);

    /** Lines done so far, for the rate. */
    void lines(long lines);
}
