package io.dataflow.server.api.accounts;

import io.dataflow.engine.model.ChangeForbiddenException;
import io.dataflow.engine.model.NothingToRunException;
import io.dataflow.server.limits.LimitDecision;
import io.dataflow.server.limits.LimitExceededException;
import io.dataflow.server.web.BodySizeLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The {@code /accounts} API's errors, in Cloudflare's envelope with a code of {@link AccountsErrorCode}: this
 * package's own ({@link AccountsApiException}) and Spring MVC's about a request one of its handlers took. What no
 * handler took (an unknown route, a method a path does not take) is {@link UnroutedAccountsRequests}'s; what the
 * filters and the servlet container refuse goes through {@code ErrorShapes}.
 *
 * <p>Ordered first, like the other dialects' handlers: Spring Boot's own problem details handler would otherwise
 * answer the MVC exceptions listed here.
 */
@RestControllerAdvice(basePackageClasses = AccountsErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccountsErrors {

    private static final Logger log = LoggerFactory.getLogger(AccountsErrors.class);

    /** The header Cloudflare's SDK reads to decide whether to retry; a conflict does not go away by retrying. */
    public static final String SHOULD_RETRY = "x-should-retry";

    @ExceptionHandler(AccountsApiException.class)
    ResponseEntity<Envelope<Void>> api(AccountsApiException e) {
        return answer(e.code(), e.getMessage());
    }

    @ExceptionHandler(ChangeForbiddenException.class)
    ResponseEntity<Envelope<Void>> changeForbidden(ChangeForbiddenException e) {
        return answer(AccountsErrorCode.FORBIDDEN, e.getMessage());
    }

    /**
     * 400 (10004) for running a version with no step: restarting an instance started before such versions were
     * refused. Starts say which name is bound to it themselves ({@code InstancesController}).
     */
    @ExceptionHandler(NothingToRunException.class)
    ResponseEntity<Envelope<Void>> nothingToRun(NothingToRunException e) {
        return answer(AccountsErrorCode.INVALID_INPUT, "the instance's version of workflow " + e.workflowId()
                + " has no steps to run, so it cannot run again");
    }

    /** 429 naming the limit, with {@code Retry-After} when waiting helps. */
    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<Envelope<Void>> overLimit(LimitExceededException e) {
        LimitDecision.Refused refused = e.refused();
        ResponseEntity<Envelope<Void>> answer = answer(AccountsErrorCode.LIMIT_EXCEEDED, refused.detail());
        if (refused.retryAfter() == null) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds())).body(answer.getBody());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelope<Void>> unreadable(HttpMessageNotReadableException e) {
        return tooLarge(e).orElseGet(() -> answer(AccountsErrorCode.BAD_JSON,
                "the request body is missing or is not valid JSON"));
    }

    /** A multipart body: refused as too large when it is, else as not JSON (this API takes JSON only). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Envelope<Void>> multipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return answer(AccountsErrorCode.TOO_LARGE, "the request body is larger than the limit");
        }
        return tooLarge(e).orElseGet(() -> answer(AccountsErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "send the body as application/json"));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Envelope<Void>> parameters(InvalidParameterException e) {
        return answer(AccountsErrorCode.BAD_QUERY_PARAMETER, "the request's parameters cannot be read");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Envelope<Void>> missingParameter(MissingServletRequestParameterException e) {
        return answer(AccountsErrorCode.BAD_QUERY_PARAMETER, "query parameter '" + e.getParameterName()
                + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Envelope<Void>> mismatch(MethodArgumentTypeMismatchException e) {
        return answer(AccountsErrorCode.INVALID_INPUT, "parameter '" + e.getName() + "' has a value of the wrong"
                + " type");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Envelope<Void>> mediaType(HttpMediaTypeNotSupportedException e) {
        return mediaTypeNotSupported();
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Envelope<Void>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return notAcceptable();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Envelope<Void>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return methodNotAllowed(e, request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Envelope<Void>> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return noRoute(request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope<Void>> unexpected(Exception e, HttpServletRequest request) {
        return tooLarge(e).orElseGet(() -> {
            log.error("request {} {} failed", request.getMethod(), request.getRequestURI(), e);
            return answer(AccountsErrorCode.INTERNAL, "the server failed to handle this request; it has been"
                    + " logged");
        });
    }

    /** 404 for a path nothing answers at, in the two entries Cloudflare's API sends. */
    static ResponseEntity<Envelope<Void>> noRoute(HttpServletRequest request) {
        return answer(HttpStatus.NOT_FOUND, noRouteErrors(request.getRequestURI()));
    }

    /** The errors of an unknown route: 7003 naming the path, then 7000. */
    public static List<AccountsError> noRouteErrors(String path) {
        return List.of(AccountsError.of(AccountsErrorCode.COULD_NOT_ROUTE, "Could not route to " + path
                        + ", perhaps your object identifier is invalid?"),
                AccountsError.of(AccountsErrorCode.NO_ROUTE, "No route for that URI"));
    }

    static ResponseEntity<Envelope<Void>> methodNotAllowed(HttpRequestMethodNotSupportedException e,
            HttpServletRequest request) {
        String[] supported = e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods();
        ResponseEntity<Envelope<Void>> answer = answer(AccountsErrorCode.METHOD_NOT_ALLOWED, request.getMethod()
                + " is not supported here; use " + String.join(", ", supported));
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.ALLOW, String.join(", ", supported)).body(answer.getBody());
    }

    static ResponseEntity<Envelope<Void>> mediaTypeNotSupported() {
        return answer(AccountsErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }

    static ResponseEntity<Envelope<Void>> notAcceptable() {
        return answer(AccountsErrorCode.NOT_ACCEPTABLE, "this API answers application/json only");
    }

    /** One error of this code, with the code's status. */
    public static ResponseEntity<Envelope<Void>> answer(AccountsErrorCode code, String message) {
        return answer(code.status(), List.of(AccountsError.of(code, message)));
    }

    /** The envelope of these errors as JSON, with {@code x-should-retry: false} on a conflict. */
    static ResponseEntity<Envelope<Void>> answer(HttpStatus status, List<AccountsError> errors) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.CONFLICT) {
            builder.header(SHOULD_RETRY, "false");
        }
        return builder.body(Envelope.failure(errors));
    }

    /** 413 when the body size limit's exception is behind {@code e}; its message names the limit. */
    private static Optional<ResponseEntity<Envelope<Void>>> tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return Optional.of(answer(AccountsErrorCode.TOO_LARGE, tooLarge.getMessage()));
            }
        }
        return Optional.empty();
    }
}
