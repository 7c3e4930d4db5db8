package org.claimscrub.concurrent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands batches, in order, to one consumer thread through a short queue, so that a producer and its consumer
 * work on two cores at once while at most a few batches wait in memory. What the consumer throws is thrown again
 * to the producer, at its next {@link #submit} or at {@link #finish}; {@link #close} abandons what is left.
 */
public final class Handoff<T> implements AutoCloseable {
    /** Takes one batch; may throw an IOException, which reaches the producer as one. */
    @FunctionalInterface
    public interface Consumer<T> {
        void accept(T batch) throws IOException;
    }

    private static final Object END = new Object();
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean abandoned;

    /** Starts the consumer thread (a daemon, so it never holds the JVM up). */
    public Handoff(String threadName, Consumer<T> consumer) {
        thread = new Thread(() -> run(consumer), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @SuppressWarnings("unchecked")
    private void run(Consumer<T> consumer) {
        try {
            for (Object batch = queue.take(); batch != END && !abandoned; batch = queue.take()) {
                consumer.accept((T) batch);
            }
        } catch (InterruptedException e) {
            // abandoned by close
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            queue.clear();
        }
    }

    /** Queues a batch, waiting while the queue is full; throws what the consumer threw. */
    public void submit(T batch) throws IOException {
        put(batch);
    }

    private void put(Object batch) throws IOException {
        rethrowFailure();
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing work to " + thread.getName());
        }
    }

    /** Waits until the consumer has taken every batch; throws what it threw. */
    public void finish() throws IOException {
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + thread.getName());
        }
        rethrowFailure();
    }

    private void rethrowFailure() throws IOException {
        Throwable f = failure;
        if (f instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (f != null) {
            throw TaskFailure.rethrow(f);
        }
    }

    /**
     * Abandons what is still queued and waits for the consumer thread to end (it is interrupted, so a consumer
     * working through a long batch should stop when its thread is interrupted). Once this returns the consumer
     * takes nothing more. After {@link #finish} it returns at once.
     */
    @Override
    public void close() {
        abandoned = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
