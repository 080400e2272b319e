package io.dataflow.server.webhook;

import io.dataflow.engine.net.GuardedHttp;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.spi.OutboundHttp;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.store.WebhookDeliveryStore.Attempt;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * POSTs a prepared webhook message once, through a {@link GuardedHttp} of its own: the receiver's name is resolved
 * once, by the {@link OutboundGuard}, and the connection goes to the address it approved (no second lookup that a
 * rebinding DNS server could answer differently). The whole attempt has {@link WebhookSettings#timeout()}, redirects
 * are not followed, and at most {@link #MAX_RESPONSE_BYTES} of the answer is read.
 */
@Component
class WebhookPoster implements AutoCloseable {

    /** Receivers' answers are not used; a body larger than this fails the attempt rather than fill memory. */
    static final long MAX_RESPONSE_BYTES = 64 * 1024;

    private final OutboundGuard guard;
    private final Duration timeout;
    private final GuardedHttp http;

    WebhookPoster(OutboundGuard guard, WebhookSettings settings) {
        this.guard = guard;
        this.timeout = settings.timeout();
        // The pool holds what the in-flight limits allow, so no attempt waits for a connection.
        this.http = new GuardedHttp(guard, MAX_RESPONSE_BYTES, settings.connectTimeout(), settings.maxInFlight(),
                settings.maxPerTarget());
    }

    /**
     * Sends {@code body} to {@code url}. Only a 2xx answer is delivered; every failure is the target's.
     *
     * @throws InterruptedException when the node is stopping; the attempt is abandoned unrecorded
     */
    Attempt post(String url, Map<String, List<String>> headers, byte[] body) throws InterruptedException {
        long started = System.nanoTime();
        try {
            guard.parse(url); // its message beats the HTTP client's, and names no part of the URL
        } catch (OutboundGuard.RefusedException e) {
            return failed(null, "the webhook URL was refused: " + e.getMessage(), started);
        }
        try {
            int status = http.send(new OutboundHttp.Request("POST", url, headers, body, timeout, 0,
                    MAX_RESPONSE_BYTES)).status();
            if (status >= 200 && status < 300) {
                return new Attempt(true, status, null, millisSince(started), false);
            }
            return failed(status, "the receiver answered " + status, started);
        } catch (TaskFailure e) {
            return failed(null, e.getMessage(), started);
        }
    }

    private static Attempt failed(Integer status, String error, long started) {
        return new Attempt(false, status, error, millisSince(started), true);
    }

    static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    @Override
    public void close() {
        http.close();
    }
}
