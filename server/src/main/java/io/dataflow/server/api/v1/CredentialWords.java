package io.dataflow.server.api.v1;

import io.dataflow.engine.model.CredentialPolicy.UsableBy;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The words of {@code /api/v1/credentials} for the engine's {@link UsableBy}: {@code admins}, {@code organization}. */
final class CredentialWords {

    /** The accepted words, for error messages. */
    static final String USABLE_BY = "'admins', 'organization'";

    private CredentialWords() {
    }

    static String of(UsableBy usableBy) {
        return usableBy.name().toLowerCase(Locale.ROOT);
    }

    /** The value of the word, which must be written exactly. */
    static Optional<UsableBy> usableBy(String word) {
        return Arrays.stream(UsableBy.values()).filter(value -> of(value).equals(word)).findFirst();
    }
}
