package io.dataflow.server.api.dataflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.NothingToRunException;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.store.FileQuotaExceededException;
import io.dataflow.engine.model.ChangeForbiddenException;
import io.dataflow.engine.model.CredentialRefusedException;
import io.dataflow.engine.model.WorkflowNotExecutableException;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.engine.store.EmailTakenException;
import io.dataflow.engine.store.LimitReachedException;
import io.dataflow.engine.store.NameTakenException;
import io.dataflow.engine.store.VersionTagTakenException;
import io.dataflow.server.api.v1.CredentialsController;
import io.dataflow.server.limits.LimitDecision;
import io.dataflow.server.limits.LimitExceededException;
import io.dataflow.server.limits.OrganizationLimits;
import io.dataflow.server.web.BodySizeLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The {@code /workflows} API's errors, and those of {@code /api/v1/credentials} (seed 002 sets no error shape of its
 * own), as RFC 9457 problem details. Validation problems are listed in
 * {@code errors}, each with a JSON pointer into the request body ({@code pointer}, in the URI fragment form the RFC
 * uses, e.g. {@code #/steps/1/type}) or the name of a query parameter ({@code parameter}).
 *
 * <p>Ordered first: Spring Boot's own problem details handler ({@code spring.mvc.problemdetails.enabled}, order 0)
 * would otherwise answer the MVC exceptions listed here, e.g. a chunked body over the limit with 400 "Failed to
 * read request" instead of 413.
 */
@RestControllerAdvice(basePackageClasses = {DataflowProblems.class, CredentialsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class DataflowProblems {

    private static final Logger log = LoggerFactory.getLogger(DataflowProblems.class);

    /** One entry of {@code errors}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorItem(String pointer, String parameter, String header, String detail) {
        static ErrorItem of(Problem problem) {
            return new ErrorItem("#" + problem.pointer(), null, null, problem.detail());
        }
    }

    @ExceptionHandler(DataflowApiException.class)
    ResponseEntity<ProblemDetail> api(DataflowApiException e, HttpServletRequest request) {
        List<ErrorItem> errors = e.parameter() != null
                ? List.of(new ErrorItem(null, e.parameter(), null, e.getMessage()))
                : e.header() != null ? List.of(new ErrorItem(null, null, e.header(), e.getMessage()))
                : e.problems().stream().map(ErrorItem::of).toList();
        ResponseEntity<ProblemDetail> answer = problem(e.status(), e.getMessage(), errors, request);
        e.properties().forEach(answer.getBody()::setProperty);
        return answer;
    }

    @ExceptionHandler(InvalidDefinitionException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDefinitionException e, HttpServletRequest request) {
        return api(DataflowApiException.invalid(e.problems()), request);
    }

    @ExceptionHandler(NameTakenException.class)
    ResponseEntity<ProblemDetail> nameTaken(NameTakenException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), List.of(), request);
    }

    @ExceptionHandler({VersionTagTakenException.class, EmailTakenException.class})
    ResponseEntity<ProblemDetail> taken(RuntimeException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(ChangeForbiddenException.class)
    ResponseEntity<ProblemDetail> changeForbidden(ChangeForbiddenException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), List.of(), request);
    }

    /** 403 for a start whose {@code {{ secrets }}} templates read a credential its starter may not read so. */
    @ExceptionHandler(CredentialRefusedException.class)
    ResponseEntity<ProblemDetail> credentialRefused(CredentialRefusedException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), List.of(), request);
    }

    /** 409 naming the workflow's status and the statuses that take executions. */
    @ExceptionHandler(WorkflowNotExecutableException.class)
    ResponseEntity<ProblemDetail> notExecutable(WorkflowNotExecutableException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, e.getMessage(), List.of(), request);
        answer.getBody().setProperty("workflowStatus", e.status().word());
        answer.getBody().setProperty("allowed", WorkflowStatus.EXECUTABLE.stream().sorted()
                .map(WorkflowStatus::word).toList());
        return answer;
    }

    /**
     * 400 at the list of tasks: a workflow (or a definition sent to run instead) with no task cannot run, deploy,
     * rerun or restart. The list is named in the words of the request's API: {@code /api/v1}'s {@code nodes} (under
     * {@code definition} when one was sent), {@code /workflows}' seed 000 {@code steps} on {@code .../execute} and
     * seed 001 {@code tasks} elsewhere.
     */
    @ExceptionHandler(NothingToRunException.class)
    ResponseEntity<ProblemDetail> nothingToRun(NothingToRunException e, HttpServletRequest request) {
        String path = request.getRequestURI();
        String what = e.givenWithStart() ? "the definition" : "the workflow";
        Problem problem;
        if (path.startsWith("/api/v1/")) {
            problem = new Problem(e.givenWithStart() ? "/definition/nodes" : "/nodes", what
                    + " has no task nodes to run: add one (a trigger alone runs nothing)");
        } else {
            String tasks = path.endsWith("/execute") ? "steps" : "tasks";
            problem = new Problem("/" + tasks, "workflow " + e.workflowId() + " has no " + tasks + " to run: add"
                    + " one");
        }
        return problem(HttpStatus.BAD_REQUEST, problem.detail(), List.of(ErrorItem.of(problem)), request);
    }

    /** 429 naming the limit, with {@code Retry-After} when waiting helps (not for file quotas: only deleting does). */
    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<ProblemDetail> overLimit(LimitExceededException e, HttpServletRequest request) {
        LimitDecision.Refused refused = e.refused();
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.TOO_MANY_REQUESTS, refused.detail(), List.of(),
                request);
        answer.getBody().setProperty("limit", refused.limit());
        if (refused.retryAfter() == null) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds())).body(answer.getBody());
    }

    @ExceptionHandler(FileQuotaExceededException.class)
    ResponseEntity<ProblemDetail> fileQuota(FileQuotaExceededException e, HttpServletRequest request) {
        return overLimit(new LimitExceededException(OrganizationLimits.refusal(e)), request);
    }

    /** A user or key over its count limit: 429 naming the setting, without Retry-After (waiting does not help). */
    @ExceptionHandler(LimitReachedException.class)
    ResponseEntity<ProblemDetail> countLimit(LimitReachedException e, HttpServletRequest request) {
        return overLimit(new LimitExceededException(OrganizationLimits.refusal(e)), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        Optional<BodySizeLimitFilter.BodyTooLargeException> tooLarge = tooLarge(e);
        if (tooLarge.isPresent()) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.get().getMessage(), List.of(), request);
        }
        return problem(HttpStatus.BAD_REQUEST, "the request body is missing or unreadable",
                List.of(new ErrorItem("#", null, null, "the request body is missing or unreadable")), request);
    }

    /** A multipart body that cannot be parsed (no boundary, a broken part); one over the size limit is a 413. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e, HttpServletRequest request) {
        Optional<BodySizeLimitFilter.BodyTooLargeException> tooLarge = tooLarge(e);
        if (tooLarge.isPresent()) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.get().getMessage(), List.of(), request);
        }
        if (e instanceof MaxUploadSizeExceededException max) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than the limit"
                    + (max.getMaxUploadSize() > 0 ? " of " + max.getMaxUploadSize() + " bytes" : ""), List.of(),
                    request);
        }
        String detail = "the multipart form is not valid: " + rootMessage(e);
        return problem(HttpStatus.BAD_REQUEST, detail, List.of(new ErrorItem("#", null, null, detail)), request);
    }

    /**
     * Tomcat could not read the request's parameters. QueryStringFilter refuses such queries before any endpoint
     * runs; this is for what it cannot see, such as the fields of a multipart form.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> parameters(InvalidParameterException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "the request's parameters cannot be read: percent-escapes must be"
                + " UTF-8, and a request may have at most as many parameters as the server takes", List.of(), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json", List.of(), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, request.getMethod() + " is not supported here; use "
                + String.join(", ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods()),
                List.of(), request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "there is nothing at " + request.getRequestURI(), List.of(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        Optional<BodySizeLimitFilter.BodyTooLargeException> tooLarge = tooLarge(e);
        if (tooLarge.isPresent()) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.get().getMessage(), List.of(), request);
        }
        log.error("request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the server failed to handle this request; it has been"
                + " logged", List.of(), request);
    }

    /** The message of the innermost cause, which says what the parser found wrong. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The body size limit's exception behind {@code e}, whose message names the limit. */
    private static Optional<BodySizeLimitFilter.BodyTooLargeException> tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, List<ErrorItem> errors,
            HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setInstance(URI.create(request.getRequestURI()));
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
