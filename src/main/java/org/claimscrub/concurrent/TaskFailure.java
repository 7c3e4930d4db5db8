package org.claimscrub.concurrent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** What a task on another thread threw, thrown again on the thread that waited for it. */
public final class TaskFailure {
    private TaskFailure() {
    }

    /**
     * Throws {@code cause} itself when it is unchecked; returns a checked one wrapped, for the caller to throw
     * ({@code throw TaskFailure.rethrow(cause)}) after it has handled the checked kinds it knows.
     */
    public static IllegalStateException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /**
     * Waits for a task that may fail with an IOException and throws what it threw: an IOException or an
     * unchecked one as itself; an interrupt of the waiting thread (its flag set again) as an
     * InterruptedIOException saying {@code interrupted}.
     */
    public static <T> T await(Future<T> task, String interrupted) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(interrupted);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw rethrow(e.getCause());
        }
    }
}
