package org.claimscrub.reader;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.Reject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Receives what a reader makes of each input line: a claim line, or a reject with its reason. */
public interface ClaimSink {
    void accept(ClaimLine line);

    /**
     * A line with its raw text as a reject would show it, for a sink that may set the line aside later (a
     * repeated line number); the text is made only when asked, during the call.
     */
    default void accept(ClaimLine line, Supplier<String> raw) {
        accept(line);
    }

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

    /**
     * A sink whose callbacks write to disk (a spill file, a reject log); their IOException surfaces as an
     * UncheckedIOException, which the caller unwraps once the read is over.
     */
    static ClaimSink writingTo(IoConsumer<ClaimLine> onLine, IoConsumer<Reject> onReject) {
        return of(line -> unchecked(onLine, line), reject -> unchecked(onReject, reject));
    }

    /**
     * A sink that sets aside every line repeating a line number of its claim (as a reject with the line's raw
     * text) and hands the others on; callbacks that write to disk, as for {@link #writingTo}.
     */
    static ClaimSink settingAsideRepeats(DuplicateLineNumbers duplicates, IoConsumer<ClaimLine> onLine,
                                         IoConsumer<Reject> onReject) {
        return new ClaimSink() {
            @Override
            public void accept(ClaimLine line) {
                accept(line, () -> "");
            }

            @Override
            public void accept(ClaimLine line, Supplier<String> raw) {
                try {
                    Reject repeated = duplicates.check(line, raw);
                    if (repeated != null) {
                        onReject.accept(repeated);
                    } else {
                        onLine.accept(line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void reject(Reject reject) {
                unchecked(onReject, reject);
            }
        };
    }

    /** A callback that may fail with an IOException. */
    @FunctionalInterface
    interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }

    private static <T> void unchecked(IoConsumer<T> consumer, T value) {
        try {
            consumer.accept(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
