package io.dataflow.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.core.env.Environment;

/**
 * The address people and other systems reach this server at, which the links it gives out begin with
 * ({@code execution.event_url}): {@code DATAFLOW_PUBLIC_URL}, an absolute http or https URL, optionally with a path
 * (a reverse proxy's prefix), without query or fragment. When unset, {@code http://localhost:<port>}. A malformed value
 * stops the server at start, naming the setting.
 *
 * <p>With {@code DATAFLOW_PORT=0} (any free port, as tests use) and no setting, the port is known only once the
 * server listens; a link asked for before that waits for it, for at most {@link #PORT_WAIT}.
 */
public final class PublicUrl {

    public static final String SETTING = "DATAFLOW_PUBLIC_URL";
    static final Duration PORT_WAIT = Duration.ofSeconds(60);

    private final CompletableFuture<String> url = new CompletableFuture<>();

    private PublicUrl(String url) {
        if (url != null) {
            this.url.complete(url);
        }
    }

    public static PublicUrl from(Environment env) {
        String value = env.getProperty(SETTING);
        if (value != null && !value.isBlank()) {
            return new PublicUrl(parse(value.trim()));
        }
        int port = env.getProperty("server.port", Integer.class, 8080);
        return new PublicUrl(port > 0 ? local(port) : null);
    }

    /** The URL without a trailing slash, such as {@code https://flows.example.com/dataflow}. */
    public String value() {
        try {
            return url.get(PORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server's port", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the server's port is not known yet; set " + SETTING, e);
        }
    }

    /** The server listens on {@code port}: the URL, when no setting gave it, names that port. */
    void listening(int port) {
        url.complete(local(port));
    }

    private static String local(int port) {
        return "http://localhost:" + port;
    }

    /** The setting's value, checked, without a trailing slash. */
    static String parse(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(value, "is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw invalid(value, "must be an absolute http or https URL, such as https://flows.example.com");
        }
        if (uri.getHost() == null) {
            throw invalid(value, "has no host name (or a port that is not a number)");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(value, "must not have a user name or password");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(value, "must not have a query or a fragment; the links add their own path to it");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + uri.getRawAuthority() + path;
    }

    private static IllegalArgumentException invalid(String value, String problem) {
        return new IllegalArgumentException(SETTING + " '" + value + "' " + problem);
    }
}
