package io.dataflow.server.api.accounts;

import io.dataflow.server.auth.Caller;
import io.dataflow.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * The two rules every {@code /accounts} route shares, applied once here so that a controller only declares its
 * path under {@code /accounts/{account_id}}:
 * <ul>
 * <li>the {@code account_id} is the caller's organization id; any other (another organization's, one that does not
 * exist) is 403 in the envelope, before any route is looked for, so that nothing about another account can be
 * learnt, not even which of its paths exist;</li>
 * <li>{@code /client/v4/accounts/...}, Cloudflare's own prefix, is forwarded to {@code /accounts/...}, so both
 * reach the same handlers (the SDK's default base URL ends in {@code /client/v4}).</li>
 * </ul>
 * Runs after the API key (401) and query string (400) checks.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class AccountsRouteFilter extends OncePerRequestFilter {

    private static final String CLIENT_V4_ACCOUNTS = AccountsPaths.CLIENT_V4 + AccountsPaths.ACCOUNTS;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AccountsPaths.matches(path(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        boolean prefixed = AccountsPaths.under(path, CLIENT_V4_ACCOUNTS);
        String route = prefixed ? path.substring(AccountsPaths.CLIENT_V4.length()) : path;
        String accountId = accountId(route);
        Optional<Caller> caller = Caller.find(request);
        if (accountId != null && caller.isPresent() && !accountId.equals(caller.get().organizationId())) {
            ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "this API token may not access account '"
                    + accountId + "': the account id is the id of the token's own organization");
            return;
        }
        if (prefixed) {
            request.getRequestDispatcher(UriUtils.encodePath(route, StandardCharsets.UTF_8))
                    .forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The decoded, normalized path within the application: what the handler mappings match. */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? servletPath : servletPath + pathInfo;
    }

    /** The {@code account_id} of a path under {@code /accounts}, or null when it names none. */
    private static String accountId(String route) {
        int start = AccountsPaths.ACCOUNTS.length() + 1;
        if (!AccountsPaths.under(route, AccountsPaths.ACCOUNTS) || route.length() <= start) {
            return null;
        }
        int end = route.indexOf('/', start);
        return end < 0 ? route.substring(start) : route.substring(start, end);
    }
}
