package org.claimscrub.reference.cms;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A table file named on the command line, as {@code FILE} or {@code FILE@YYYY-MM-DD}; the date, when given, is
 * the first date of service the table is in force and wins over the date read from the file name.
 */
public record TableSource(Path file, LocalDate from) {

    public static TableSource parse(String spec) throws CmsFileException {
        int at = spec.lastIndexOf('@');
        if (at < 0 || !spec.substring(at + 1).matches("\\d{4}-\\d{2}-\\d{2}")) {
            return new TableSource(Path.of(spec), null);
        }
        try {
            return new TableSource(Path.of(spec.substring(0, at)), LocalDate.parse(spec.substring(at + 1)));
        } catch (DateTimeParseException e) {
            throw CmsFileException.option("'" + spec + "': the date after @ is not a real date in YYYY-MM-DD form");
        }
    }

    public String name() {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
