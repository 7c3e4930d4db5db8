package org.claimscrub.concurrent;

import java.util.concurrent.ThreadFactory;

/** Threads that never hold the JVM up once the run is over, named for thread dumps and per-thread figures. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
