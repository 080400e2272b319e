package io.dataflow.engine.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * HTTP calls a task makes on a user's behalf. Every connection, redirects included, goes only to addresses the
 * outbound guard allows (no private, loopback or link-local ones unless the platform allows them), and every answer
 * is read up to a size limit.
 */
@FunctionalInterface
public interface OutboundHttp {

    /**
     * Sends the request and reads the whole answer, whatever its status.
     *
     * @throws TaskFailure permanent when the guard refuses the URL or the answer is larger than allowed; transient
     *     when the connection failed or timed out
     */
    Response send(Request request) throws TaskFailure, InterruptedException;

    /**
     * @param headers header names to values; a name may repeat
     * @param body the request body, or null for none
     * @param timeout for the whole exchange
     * @param maxRedirects redirects followed at most (0: none; the 3xx answer is returned)
     * @param maxResponseBytes the largest body read; a larger one fails the call
     */
    record Request(String method, String url, Map<String, List<String>> headers, byte[] body, Duration timeout,
            int maxRedirects, long maxResponseBytes) {
    }

    /**
     * @param headers header names (lower case) to values
     * @param url the URL that answered, after redirects
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body, String url) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }
}
