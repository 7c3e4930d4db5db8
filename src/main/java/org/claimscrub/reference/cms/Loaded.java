package org.claimscrub.reference.cms;

import java.util.List;

/** A table and the files it was read from (several for a PTP table split in f1..f4). */
record Loaded<T>(T table, List<FileFacts> files) {

    Loaded {
        files = List.copyOf(files);
    }

    /** What the report says about one file, less the period (known once all versions are in). */
    record FileFacts(String name, String setting, long rows, String sha256) {
    }
}
