package io.dataflow.server.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security and caching headers of the web UI's files. The page may load only its own scripts and talk only to
 * this server (a content security policy without inline scripts), may not be framed, and sends no referrer. Built
 * assets are named by their content's hash and cached for a year; the page itself is checked again on every load,
 * so that a new build is picked up at once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class UiHeaders extends OncePerRequestFilter {

    /** Inline styles are allowed because the graph canvas positions its nodes with style attributes. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !UiPaths.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", UiPaths.isAsset(path) ? "public, max-age=31536000, immutable"
                : "no-cache");
        chain.doFilter(request, response);
    }
}
