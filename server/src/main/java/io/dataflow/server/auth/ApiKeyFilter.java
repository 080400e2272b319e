package io.dataflow.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataflow.engine.Engine;
import io.dataflow.engine.model.ApiKey;
import io.dataflow.server.links.EventLinkPath;
import io.dataflow.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request needs an API key, as {@code X-API-Key} or {@code Authorization: Bearer}; without a valid one the
 * answer is 401 and nothing else runs. Lookups are cached for a few seconds, so a revoked key stops working
 * within that time.
 *
 * <p>The one exception is an event link ({@link EventLinkPath}): its signed token is its credential, checked by its
 * controller, and it reaches nothing but sending an event to the one execution the token names.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {

    private final Engine engine;
    private final Cache<String, Optional<ApiKey>> recent = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(10)).build();

    public ApiKeyFilter(Engine engine) {
        this.engine = engine;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return EventLinkPath.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = presentedKey(request);
        if (secret == null) {
            unauthorized(request, response, "an API key is required: send it as the X-API-Key header or as"
                    + " Authorization: Bearer <key>");
            return;
        }
        Optional<ApiKey> key = recent.get(secret, engine.apiKeys()::authenticate);
        if (key.isEmpty()) {
            unauthorized(request, response, "the API key is not valid");
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, new Caller(key.get()));
        chain.doFilter(request, response);
    }

    private static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }
}
