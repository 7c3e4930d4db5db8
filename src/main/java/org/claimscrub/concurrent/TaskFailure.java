package org.claimscrub.concurrent;

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
}
