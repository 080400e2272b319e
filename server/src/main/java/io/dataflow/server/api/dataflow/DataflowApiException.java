package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failed {@code /workflows} request, answered as a problem document with this status.
 *
 * @see DataflowProblems
 */
public final class DataflowApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<Problem> problems;
    private final String parameter;
    private final String header;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private DataflowApiException(HttpStatus status, String detail, List<Problem> problems, String parameter,
            String header) {
        super(detail);
        this.status = status;
        this.problems = List.copyOf(problems);
        this.parameter = parameter;
        this.header = header;
    }

    private DataflowApiException(HttpStatus status, String detail, List<Problem> problems, String parameter) {
        this(status, detail, problems, parameter, null);
    }

    public static DataflowApiException notFound(String what) {
        return new DataflowApiException(HttpStatus.NOT_FOUND, what + " was not found", List.of(), null);
    }

    public static DataflowApiException forbidden(String detail) {
        return new DataflowApiException(HttpStatus.FORBIDDEN, detail, List.of(), null);
    }

    public static DataflowApiException conflict(String detail) {
        return new DataflowApiException(HttpStatus.CONFLICT, detail, List.of(), null);
    }

    static DataflowApiException tooLarge(String detail) {
        return new DataflowApiException(HttpStatus.CONTENT_TOO_LARGE, detail, List.of(), null);
    }

    /** A bad query parameter: reported with {@code parameter} instead of a body pointer. */
    public static DataflowApiException badParameter(String parameter, String detail) {
        return new DataflowApiException(HttpStatus.BAD_REQUEST, "query parameter '" + parameter + "' " + detail,
                List.of(), parameter);
    }

    /** A bad path parameter: reported with {@code parameter}, like a query parameter. */
    static DataflowApiException badPathParameter(String parameter, String detail) {
        return new DataflowApiException(HttpStatus.BAD_REQUEST, "path parameter '" + parameter + "' " + detail,
                List.of(), parameter);
    }

    /** A bad request header: reported with {@code header} instead of a body pointer. */
    static DataflowApiException badHeader(String header, String detail) {
        return new DataflowApiException(HttpStatus.BAD_REQUEST, "header " + header + " " + detail, List.of(), null,
                header);
    }

    public static DataflowApiException invalid(List<Problem> problems) {
        return new DataflowApiException(HttpStatus.BAD_REQUEST, problems.size() == 1
                ? problems.getFirst().detail() : "the request has " + problems.size() + " problems", problems, null);
    }

    /** Adds a member to the problem document, such as the status a refused change was asked in. */
    public DataflowApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    Map<String, Object> properties() {
        return properties;
    }

    HttpStatus status() {
        return status;
    }

    List<Problem> problems() {
        return problems;
    }

    String parameter() {
        return parameter;
    }

    String header() {
        return header;
    }
}
