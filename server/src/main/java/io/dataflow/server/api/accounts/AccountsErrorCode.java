package io.dataflow.server.api.accounts;

import org.springframework.http.HttpStatus;

/**
 * The stable numeric codes of the {@code /accounts} API's errors, one per kind of failure, each with its HTTP
 * status. Published in docs/api-accounts.md: clients match on them, so a code never changes meaning and is never
 * reused. Where Cloudflare's API has a well-known code for the same failure it is the same number (10000
 * authentication, 9109 no access, 7003/7000 no route); the others are this server's, in Cloudflare's ranges.
 */
public enum AccountsErrorCode {

    /** 401: no API token, or one that is not valid. */
    AUTHENTICATION(10000, HttpStatus.UNAUTHORIZED),
    /** 403: the token may not reach this account, or lacks the scope the request needs. */
    FORBIDDEN(9109, HttpStatus.FORBIDDEN),
    /** 404: nothing answers at this path; sent together with {@link #NO_ROUTE}, as Cloudflare does. */
    COULD_NOT_ROUTE(7003, HttpStatus.NOT_FOUND),
    /** 404: the second entry of an unknown route's answer. */
    NO_ROUTE(7000, HttpStatus.NOT_FOUND),
    /** 405: the path exists but not with this method. */
    METHOD_NOT_ALLOWED(7001, HttpStatus.METHOD_NOT_ALLOWED),
    /** 500: the server failed; the cause is in its log. */
    INTERNAL(10001, HttpStatus.INTERNAL_SERVER_ERROR),
    /** 400: the body is missing or is not JSON. */
    BAD_JSON(10002, HttpStatus.BAD_REQUEST),
    /** 400: a query parameter cannot be read or has a bad value. */
    BAD_QUERY_PARAMETER(10003, HttpStatus.BAD_REQUEST),
    /**
     * 400: a field of the body, or a path parameter, is not valid (a name, an id, a value); or the workflow version
     * to run has no step.
     */
    INVALID_INPUT(10004, HttpStatus.BAD_REQUEST),
    /** 413: the body is larger than the limit. */
    TOO_LARGE(10005, HttpStatus.CONTENT_TOO_LARGE),
    /** 415: the body is not sent as JSON. */
    UNSUPPORTED_MEDIA_TYPE(10006, HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    /** 406: the client does not accept JSON. */
    NOT_ACCEPTABLE(10007, HttpStatus.NOT_ACCEPTABLE),
    /** 429: an organization's limit is reached. */
    LIMIT_EXCEEDED(10008, HttpStatus.TOO_MANY_REQUESTS),
    /** 409: the change conflicts with what exists. */
    CONFLICT(10009, HttpStatus.CONFLICT),
    /** 404: no workflow of this name is bound in the account. */
    WORKFLOW_NOT_FOUND(10501, HttpStatus.NOT_FOUND),
    /** 404: the workflow has no instance with this id. */
    INSTANCE_NOT_FOUND(10502, HttpStatus.NOT_FOUND),
    /** 404: the workflow has no version with this id. */
    VERSION_NOT_FOUND(10503, HttpStatus.NOT_FOUND),
    /** 409: an instance with this id already exists within the retention period. */
    INSTANCE_ID_TAKEN(10504, HttpStatus.CONFLICT),
    /** 409: the status change makes no sense for the instance's current status. */
    INVALID_STATUS_CHANGE(10505, HttpStatus.CONFLICT),
    /** 400: an event type that does not follow the rules. */
    INVALID_EVENT_TYPE(10506, HttpStatus.BAD_REQUEST),
    /** 404: the instance has no step of this name and type (yet). */
    STEP_NOT_FOUND(10507, HttpStatus.NOT_FOUND);

    private final int code;
    private final HttpStatus status;

    AccountsErrorCode(int code, HttpStatus status) {
        this.code = code;
        this.status = status;
    }

    public int code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    /**
     * The code of an error known only by its status (the servlet container's, a filter's): the general code of
     * that status, or {@link #INVALID_INPUT} for another 4xx and {@link #INTERNAL} for another 5xx.
     */
    public static AccountsErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> AUTHENTICATION;
            case 403 -> FORBIDDEN;
            case 404 -> COULD_NOT_ROUTE;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> LIMIT_EXCEEDED;
            default -> status >= 500 ? INTERNAL : INVALID_INPUT;
        };
    }
}
