package org.claimscrub.reference;

import java.util.Map;
import java.util.Optional;

/**
 * The reference tables the policy rules consult, keyed by procedure code. Read-only once loaded, so one
 * instance serves every rule session on every thread.
 */
public final class ReferenceData {
    private final Map<String, CodeReference> byCode;

    public ReferenceData(Map<String, CodeReference> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    /** The code's reference row, or null when no table knows it (rules then stay quiet). */
    public CodeReference code(String code) {
        return byCode.get(code);
    }

    public Optional<String> label(String code) {
        return Optional.ofNullable(byCode.get(code)).map(CodeReference::label);
    }

    public int size() {
        return byCode.size();
    }
}
