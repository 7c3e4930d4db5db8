package org.claimscrub.reference;

/** CMS PFS assistant at surgery indicator: whether modifiers 80, 81, 82 and AS are paid. */
public enum AssistantIndicator {
    DOCUMENTATION_REQUIRED("0", "assistant not paid unless medical necessity is documented"),
    NOT_PAID("1", "assistant at surgery never paid"),
    PAID("2", "assistant at surgery may be paid"),
    NOT_APPLICABLE("9", "assistant concept does not apply");

    private final String code;
    private final String meaning;

    AssistantIndicator(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public static AssistantIndicator of(String code) {
        return Indicators.lookup(values(), code, AssistantIndicator::code, "assistant at surgery indicator");
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** "its assistant at surgery indicator is 0 (...)", for messages. */
    public String explain() {
        return "its assistant at surgery indicator is " + code + " (" + meaning + ")";
    }
}
