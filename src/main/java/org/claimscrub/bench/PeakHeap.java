package org.claimscrub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap in use while a measured step runs, sampled every {@link #SAMPLE_MILLIS} ms on a daemon thread
 * (the heap's own peak counters add up pools that peak at different times, and overstate it).
 */
public final class PeakHeap implements AutoCloseable {
    static final long SAMPLE_MILLIS = 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private PeakHeap() {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "claimscrub-peak-heap");
        sampler.setDaemon(true);
    }

    /** Collects garbage left by earlier steps, then starts sampling. */
    public static PeakHeap start() {
        System.gc();
        PeakHeap heap = new PeakHeap();
        heap.sampler.start();
        return heap;
    }

    private void sample() {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    public long peakBytes() {
        sample();
        return peak.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
