package org.claimscrub.model;

/**
 * One edit as its rule declares it: the stable id, what kind of edit, how serious, the message template,
 * the source it rests on, and where the rule lives.
 */
public record EditDefinition(
        String editId,
        Category category,
        Severity severity,
        String messageTemplate,
        String source,
        String ruleName,
        String ruleFile) {
}
