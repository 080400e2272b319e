package io.dataflow.server.api.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The envelope for what no handler of {@link AccountsErrors}' package took under {@code /accounts} or
 * {@code /client/v4}: a path nothing answers at (404, Cloudflare's 7003 and 7000), a method the path does not take
 * (405, naming the ones it does), a body type or answer type none of its handlers take (415, 406). A controller
 * advice scoped to a package never sees these, since no controller of the package was chosen; without this they
 * would be Spring Boot's RFC 9457 problems.
 *
 * <p>Runs before Spring MVC's own resolvers and passes on everything else (a handler's exception, another path).
 */
@Component
class UnroutedAccountsRequests implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UnroutedAccountsRequests.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception exception) {
        if (handler instanceof HandlerMethod || !AccountsPaths.matches(pathOf(request))) {
            return null;
        }
        ResponseEntity<Envelope<Void>> answer = switch (exception) {
            case NoResourceFoundException e -> AccountsErrors.noRoute(request);
            case HttpRequestMethodNotSupportedException e -> AccountsErrors.methodNotAllowed(e, request);
            case HttpMediaTypeNotSupportedException e -> AccountsErrors.mediaTypeNotSupported();
            case HttpMediaTypeNotAcceptableException e -> AccountsErrors.notAcceptable();
            default -> null;
        };
        if (answer == null) {
            return null;
        }
        try {
            EnvelopeWriter.write(response, answer);
        } catch (IOException e) {
            log.debug("could not write the answer to {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        return new ModelAndView(); // handled: an empty view writes nothing more
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    public int getOrder() {
        // After Spring Boot's DefaultErrorAttributes (which only records the exception), before Spring MVC's.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
