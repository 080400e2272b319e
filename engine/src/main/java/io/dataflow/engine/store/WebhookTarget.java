package io.dataflow.engine.store;

import java.net.URI;
import java.util.Locale;

/**
 * The receiver a webhook URL points at, as delivery groups attempts: {@code host:port}, the host in lower case and
 * the scheme's default port filled in ({@code https://Hooks.example.com/x} is {@code hooks.example.com:443}). The
 * per-target limits and the circuit breaker count by it. Migration V6 computes the same for stored rows.
 */
public final class WebhookTarget {

    private WebhookTarget() {
    }

    /** The target of {@code url}; a URL without a host (delivery refuses it anyway) is its own target. */
    public static String of(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return url.toLowerCase(Locale.ROOT);
        }
        if (uri.getHost() == null) {
            return url.toLowerCase(Locale.ROOT);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
