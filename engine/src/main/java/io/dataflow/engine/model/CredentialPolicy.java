package io.dataflow.engine.model;

import java.util.Optional;

/**
 * Who may use a credential, and how. Checked when a task runs (and, for templates, when an execution starts): a
 * credential may be {@linkplain UsableBy#ADMINS used only by executions an admin key started} or by
 * {@linkplain UsableBy#ORGANIZATION every key of its organization}; and {@code {{ secrets.<name> }}} templates may
 * read it only when {@code templates} is true. A task type's own {@code credential} input (the AI and SQL types)
 * never shows the value, so it needs only the first rule.
 *
 * <p>A template can do anything with the value (reverse it, encode it, send it to another server), which no
 * redaction can undo; so whoever may template a credential may read its value.
 *
 * @param templates whether {@code {{ secrets.<name> }}} templates may read the value
 */
public record CredentialPolicy(UsableBy usableBy, boolean templates) {

    /** Who may use a credential. */
    public enum UsableBy {
        /** Only executions started by a key holding the admin scope. */
        ADMINS,
        /** Executions started by any key of the credential's organization. */
        ORGANIZATION
    }

    /** A credential's rules when none are given: admins only, templates allowed. */
    public static final CredentialPolicy DEFAULT = of(UsableBy.ADMINS);

    public CredentialPolicy {
        if (usableBy == null) {
            throw new IllegalArgumentException("usableBy is required");
        }
    }

    /**
     * The rules for {@code usableBy} with templates as they default: allowed for an admins-only credential, whose
     * value only admins can template anyway, and not for one open to the whole organization, so that opening a
     * credential to every key does not also hand them its value.
     */
    public static CredentialPolicy of(UsableBy usableBy) {
        return new CredentialPolicy(usableBy, usableBy == UsableBy.ADMINS);
    }

    /**
     * Why an execution started by {@code starter} may not use the credential {@code name}, or empty when it may.
     * The message names the credential and the rule, never the value.
     *
     * @param throughTemplate whether it is read by a {@code {{ secrets }}} template rather than a task's own input
     */
    public Optional<String> refusal(String name, StartedBy starter, boolean throughTemplate) {
        if (usableBy == UsableBy.ADMINS && !starter.admin()) {
            return Optional.of("credential '" + name + "' may be used only by executions started with an admin"
                    + " key, and this one was started by a key without the admin scope");
        }
        if (throughTemplate && !templates) {
            return Optional.of("credential '" + name + "' may not be read by {{ secrets }} templates; only a task"
                    + " type's own credential input may use it");
        }
        return Optional.empty();
    }
}
