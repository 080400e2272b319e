package io.dataflow.server.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report for what it refuses before any servlet runs (a path whose percent-escapes are not UTF-8 or
 * encode {@code /} or NUL, too many parameters, headers too large), as a JSON error in the shape {@link ErrorShapes}
 * chooses for the path instead of Tomcat's HTML page. Follows {@link ErrorReportValve#report}: only an error
 * response nothing was written to, reported once.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is broken: nobody would read the report
        }
        String detail = status >= 500 ? "the server failed to handle this request"
                : ContainerMessages.detail(status, response.getMessage());
        try {
            ErrorShapes.Rendered rendered = ErrorShapes.render(status, detail, request.getRequestURI(), List.of());
            response.setContentType(rendered.contentType());
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(rendered.body());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the response was committed after all: there is nothing left to tell.
        }
    }
}
