package org.claimscrub.cli;

/**
 * Input-derived text (reject reasons, claim ids, file names, input error messages) made safe for a terminal or
 * a cron log: control characters and line breaks are shown as visible escapes ({@code \n}, {@code \x1b},
 * {@code \u2028}...), so a quoted line break cannot forge a console line and no escape sequence reaches the
 * terminal, and the text is cut to {@link #MAX_CHARS} characters, saying how much was left out. Every console
 * line that echoes input goes through {@link #of}.
 */
final class ConsoleText {
    static final int MAX_CHARS = 300;

    private ConsoleText() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        int shown = 0;
        int i = 0;
        while (i < text.length() && shown < MAX_CHARS) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            shown++;
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (visible(c)) {
                        out.appendCodePoint(c);
                    } else if (c <= 0xff) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.append(String.format("\\u%04x", c));
                    }
                }
            }
        }
        if (i < text.length()) {
            out.append("... (").append(text.codePointCount(i, text.length())).append(" more characters)");
        }
        return out.toString();
    }

    /**
     * Not a control (C0, DEL, C1: ESC and CSI start terminal sequences), a line or paragraph separator, a
     * bidirectional override that reorders what the terminal shows, or an unpaired surrogate.
     */
    private static boolean visible(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.FORMAT && type != Character.SURROGATE && type != Character.UNASSIGNED;
    }
}
