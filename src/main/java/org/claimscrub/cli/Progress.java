package org.claimscrub.cli;

import org.claimscrub.concurrent.DaemonThreads;
import org.claimscrub.pipeline.BatchProgress;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long run on stderr: on a terminal a bar redrawn in place (lines, percent, rate, ETA); without
 * one (a scheduler's log) a plain line every {@link #LOG_SECONDS} seconds. Quiet prints nothing.
 */
final class Progress implements BatchProgress, AutoCloseable {
    static final int LOG_SECONDS = 10;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final ScheduledExecutorService ticker;
    private final AtomicLong done = new AtomicLong();
    private volatile String phase = "";
    private volatile long total;
    private volatile long phaseStart;
    private volatile long lines;
    private boolean drawn;

    /** @param quiet no output at all; else a report every second on a terminal, every LOG_SECONDS off one */
    Progress(PrintStream out, boolean terminal, boolean quiet) {
        this.out = out;
        this.terminal = terminal;
        if (quiet) {
            ticker = null;
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("claimscrub-progress"));
        long period = terminal ? 1 : LOG_SECONDS;
        ticker.scheduleAtFixedRate(this::report, period, period, TimeUnit.SECONDS);
    }

    static Progress start(boolean quiet) {
        return new Progress(System.err, System.console() != null, quiet);
    }

    /**
     * Starts a phase.
     *
     * @param total the amount of work in the units {@link #advance} counts (bytes, lines), 0 if unknown
     */
    @Override
    public void phase(String name, long total) {
        synchronized (this) {
            this.phase = name;
            this.total = total;
            this.done.set(0);
            this.lines = 0;
            this.phaseStart = System.nanoTime();
        }
    }

    @Override
    public void advance(long amount) {
        done.addAndGet(amount);
    }

    /** The lines handled so far in this phase, for the rate shown (the phase may count bytes for percent). */
    @Override
    public void lines(long lines) {
        this.lines = lines;
    }

    /** Prints the current figures: a bar redrawn in place on a terminal, else a log line. */
    synchronized void report() {
        long elapsed = System.nanoTime() - phaseStart;
        long amount = done.get();
        double fraction = total > 0 ? Math.min(1.0, (double) amount / total) : 0;
        long rate = elapsed > 0 ? Math.round(lines / (elapsed / 1e9)) : 0;
        String eta = fraction > 0.01 ? duration(Math.round(elapsed / 1e9 * (1 - fraction) / fraction)) : "?";
        String figures = String.format("%s %,d lines, %3d%%, %,d lines/s, ETA %s", phase, lines,
                Math.round(fraction * 100), rate, eta);
        if (terminal) {
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + figures + "   ");
            drawn = true;
        } else {
            out.println("claimscrub: " + figures);
        }
        out.flush();
    }

    private static String duration(long seconds) {
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (drawn) {
            out.print("\r" + " ".repeat(BAR_WIDTH + 80) + "\r");
            out.flush();
        }
    }
}
