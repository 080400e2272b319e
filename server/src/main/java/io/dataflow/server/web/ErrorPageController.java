package io.dataflow.server.web;

import io.dataflow.server.auth.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}), in place of Spring Boot's, which answered a direct
 * {@code GET /error} with 500 and container errors (a refused {@code TRACE}, an exception escaping a filter) in a
 * shape of its own. Errors forwarded here are answered as problem documents about the request that failed; a
 * request for {@code /error} itself finds nothing there.
 */
@RestController
@PublicEndpoint
@Hidden // not part of the API: the OpenAPI document lists what clients call
class ErrorPageController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(status instanceof Integer code)) {
            ProblemWriter.write(response, HttpStatus.NOT_FOUND.value(), "there is nothing at "
                    + request.getRequestURI(), request.getRequestURI(), List.of());
            return;
        }
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail;
        if (code >= 500) {
            log.error("request {} {} failed", request.getMethod(), uri,
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            detail = "the server failed to handle this request; it has been logged";
        } else {
            detail = ContainerMessages.detail(code, (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE));
        }
        ProblemWriter.write(response, code, detail, uri, List.of());
    }
}
