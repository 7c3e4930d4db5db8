package org.claimscrub.report;

import java.io.IOException;

/** The report folder cannot be used: another run holds it ({@link #busy()}), or the message says why. */
public final class ReportFolderException extends IOException {
    private final boolean busy;

    ReportFolderException(String message, boolean busy) {
        super(message);
        this.busy = busy;
    }

    /** Another run is writing into the folder. */
    public boolean busy() {
        return busy;
    }
}
