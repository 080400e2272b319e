package io.dataflow.server.api.accounts;

/** One entry of the envelope's {@code errors} (and of {@code messages}): a stable numeric code and a message. */
public record AccountsError(int code, String message) {

    public static AccountsError of(AccountsErrorCode code, String message) {
        return new AccountsError(code.code(), message);
    }
}
