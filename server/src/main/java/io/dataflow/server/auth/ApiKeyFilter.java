package io.dataflow.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataflow.engine.Engine;
import io.dataflow.engine.model.ApiKey;
import io.dataflow.server.links.EventLinkPath;
import io.dataflow.server.ui.UiPaths;
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
 * answer is 401 and nothing else runs. Lookups are cached for {@link #CACHE_LIFETIME}: a key revoked through this
 * node is {@link #forget forgotten} at once and stops working here with the next request; other nodes keep
 * accepting it until their cached lookup expires, at most that long.
 *
 * <p>The one exception is an event link ({@link EventLinkPath}): its signed token is its credential, checked by its
 * controller, and it reaches nothing but sending an event to the one execution the token names. The web UI's own
 * files ({@link UiPaths}) hold no data and are served to anyone; the page asks for a key before it reads anything.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {

    /** How long a key's lookup is reused, and so how long another node may accept a key revoked here. */
    public static final Duration CACHE_LIFETIME = Duration.ofSeconds(10);

    private final Engine engine;
    private final Cache<String, Optional<ApiKey>> recent = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(CACHE_LIFETIME).build();

    public ApiKeyFilter(Engine engine) {
        this.engine = engine;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return EventLinkPath.matches(request) || UiPaths.matches(request);
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

    /** Drops this node's cached lookup of the key, so that a revoked key stops working here at once. */
    public void forget(String keyId) {
        recent.asMap().values().removeIf(key -> key.isPresent() && key.get().id().equals(keyId));
    }

    /** Drops this node's cached lookups of every key of the user, for a user just deleted. */
    public void forgetKeysOf(String userId) {
        recent.asMap().values().removeIf(key -> key.isPresent() && key.get().userId().equals(userId));
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
