package org.claimscrub.report;

/** JSON string quoting for the JSON Lines reports and run.json (no library needed for flat records). */
public final class Json {
    private Json() {
    }

    /** Appends the value as a quoted JSON string. */
    public static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    public static String quote(String value) {
        return quote(new StringBuilder(value.length() + 8), value).toString();
    }
}
