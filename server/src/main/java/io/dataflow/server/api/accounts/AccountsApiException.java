package io.dataflow.server.api.accounts;

import org.springframework.http.HttpStatus;

/**
 * A failed {@code /accounts} request, answered in the envelope with this status and one error of this code.
 *
 * @see AccountsErrors
 */
public class AccountsApiException extends RuntimeException {

    private final AccountsErrorCode code;

    public AccountsApiException(AccountsErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public AccountsErrorCode code() {
        return code;
    }

    public HttpStatus status() {
        return code.status();
    }

    /** A query parameter that cannot be used, named in the message. */
    public static AccountsApiException badQueryParameter(String parameter, String problem) {
        return new AccountsApiException(AccountsErrorCode.BAD_QUERY_PARAMETER,
                "query parameter '" + parameter + "' " + problem);
    }

    /** A body field or path parameter that is not valid; the message names it. */
    public static AccountsApiException invalid(String message) {
        return new AccountsApiException(AccountsErrorCode.INVALID_INPUT, message);
    }

    public static AccountsApiException notFound(AccountsErrorCode code, String message) {
        return new AccountsApiException(code, message);
    }

    public static AccountsApiException conflict(AccountsErrorCode code, String message) {
        return new AccountsApiException(code, message);
    }
}
