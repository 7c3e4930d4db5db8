package org.claimscrub.engine;

import org.claimscrub.concurrent.DaemonThreads;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs rule sessions on threads of their own, so the caller can stop waiting for one that never ends. A session
 * past its time is interrupted and abandoned: the caller goes on at once. A rule stuck in a Java loop ignores
 * halt() and interrupts, so a thread still running {@link #STOP_GRACE} later is stopped (Thread.stop, on the JDKs
 * that still have it): its session is thrown away, and the alternative is a core spinning until the run ends.
 */
final class SessionThreads {
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(DaemonThreads.named("claimscrub-session"));
    private static final ScheduledExecutorService STOPPER =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("claimscrub-session-stopper"));

    private SessionThreads() {
    }

    /** The work threw: the cause is what it threw (any Throwable). */
    static final class Failed extends Exception {
        Failed(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    /** The work ran past its time and was abandoned; {@link #stuckAt} is where its thread was then. */
    static final class TimedOut extends Exception {
        private final transient StackTraceElement[] stuckAt;

        TimedOut(StackTraceElement[] stuckAt) {
            super(null, null, false, false);
            this.stuckAt = stuckAt;
        }

        StackTraceElement[] stuckAt() {
            return stuckAt;
        }
    }

    static <T> Run<T> start(Callable<T> work) {
        return new Run<>(work);
    }

    /** One piece of work on a session thread. */
    static final class Run<T> {
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final Future<T> future;

        private Run(Callable<T> work) {
            future = THREADS.submit(() -> {
                thread.set(Thread.currentThread());
                try {
                    return work.call();
                } finally {
                    synchronized (this) {
                        finished.set(true);
                        thread.set(null);
                    }
                }
            });
        }

        /**
         * Waits for the result within the time; past it, interrupts and abandons the work. A caller interrupted
         * meanwhile abandons the work too and gets a CancellationException, its interrupt flag set again.
         */
        T result(Duration timeout) throws Failed, TimedOut {
            try {
                return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new Failed(e.getCause());
            } catch (TimeoutException e) {
                Thread t = thread.get();
                StackTraceElement[] at = t == null ? new StackTraceElement[0] : t.getStackTrace();
                abandon();
                throw new TimedOut(at);
            } catch (InterruptedException e) {
                abandon();
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while a rule session ran");
            }
        }

        private void abandon() {
            future.cancel(true);
            Thread t = thread.get();
            if (t == null) {
                return;
            }
            // under the lock the thread cannot finish and take up another session's work before it is stopped
            STOPPER.schedule(() -> {
                synchronized (this) {
                    if (!finished.get()) {
                        stop(t);
                    }
                }
            }, STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }

        @SuppressWarnings({"deprecation", "removal"})
        private static void stop(Thread t) {
            try {
                t.stop();
            } catch (UnsupportedOperationException e) {
                // JDK 20 and later: the thread stays abandoned and spins until the run ends
            }
        }
    }
}
