package org.claimscrub.reference.cms;

import org.claimscrub.reference.ReferenceDataException;

import java.nio.file.Path;

/** A CMS file that cannot be used: the message names the file, the line and field, and what was expected. */
public final class CmsFileException extends ReferenceDataException {

    private CmsFileException(String message) {
        super(message);
    }

    /** "FILE line N, field F: problem" */
    static CmsFileException at(Path file, long line, String field, String problem) {
        return new CmsFileException(file + " line " + line + (field.isEmpty() ? "" : ", field " + field) + ": "
                + problem);
    }

    /** "FILE: problem", for faults of the whole file (not found, no header, no period). */
    static CmsFileException of(Path file, String problem) {
        return new CmsFileException(file + ": " + problem);
    }

    /** A fault of the command line itself, e.g. a malformed FILE@DATE. */
    static CmsFileException option(String problem) {
        return new CmsFileException(problem);
    }
}
