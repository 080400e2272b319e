package io.dataflow.engine.net;

import io.dataflow.engine.net.GuardedDnsResolver.RefusedHostException;
import io.dataflow.engine.net.OutboundGuard.RefusedException;
import io.dataflow.engine.spi.OutboundHttp;
import io.dataflow.engine.spi.TaskFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.protocol.RedirectLocations;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The platform's {@link OutboundHttp}: Apache HttpClient's pooled blocking client, connecting only to addresses the
 * {@link OutboundGuard} allows. Hosts are resolved through the guard ({@link GuardedDnsResolver}), so redirects are
 * checked the same way as the first request and a name cannot resolve to one address for the check and another for
 * the connection.
 *
 * <p>Each call has a deadline for the whole exchange, connection and body included: when it passes, the call is
 * aborted and fails as retryable. Bodies are read up to the smaller of the request's limit and this instance's
 * maximum. Cookies are never kept (one client serves every organization), and the client never retries on its own:
 * retries belong to the engine's retry policy.
 */
public final class GuardedHttp implements OutboundHttp, AutoCloseable {

    /** The platform-wide response size limit when none is configured: 10 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

    /** The largest body a byte array can hold. */
    private static final long ARRAY_LIMIT = Integer.MAX_VALUE - 16;

    /** The most a connection attempt may take, for deadlines so long that the OS timeout would come first. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final OutboundGuard guard;
    private final long maxResponseBytes;
    private final CloseableHttpClient client;
    private final ScheduledThreadPoolExecutor deadlines;

    /** A client with the {@linkplain #DEFAULT_MAX_RESPONSE_BYTES default} response size limit. */
    public GuardedHttp(OutboundGuard guard) {
        this(guard, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** @param maxResponseBytes the largest body any call reads, whatever the call asks for */
    public GuardedHttp(OutboundGuard guard, long maxResponseBytes) {
        this(guard, maxResponseBytes, CONNECT_TIMEOUT, 200, 20);
    }

    /**
     * A client with its own limits, e.g. for webhook delivery, whose attempts must give up early.
     *
     * @param maxResponseBytes the largest body any call reads, whatever the call asks for
     * @param connectTimeout the most one connection attempt may take (a call's deadline may end it sooner)
     * @param maxConnections pooled connections in all; a call beyond waits for one, within its deadline
     * @param maxConnectionsPerRoute pooled connections to one scheme, host and port
     */
    public GuardedHttp(OutboundGuard guard, long maxResponseBytes, Duration connectTimeout, int maxConnections,
            int maxConnectionsPerRoute) {
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("the response size limit must be positive, got " + maxResponseBytes);
        }
        this.guard = guard;
        this.maxResponseBytes = Math.min(maxResponseBytes, ARRAY_LIMIT);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout)).build())
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnectionsPerRoute)
                        .build())
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("dataflow-http-deadlines").factory());
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /** The largest body a call reads. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    @Override
    public Response send(Request request) throws TaskFailure, InterruptedException {
        URI uri;
        try {
            uri = guard.parse(request.url());
        } catch (RefusedException e) {
            throw TaskFailure.permanent("URL '" + request.url() + "' " + e.getMessage());
        }
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(), uri);
        request.headers().forEach((name, values) -> values.forEach(value -> message.addHeader(name, value)));
        if (request.body() != null) {
            // No content type here: the caller's headers say it.
            message.setEntity(new ByteArrayEntity(request.body(), null));
        }
        HttpClientContext context = HttpClientContext.create();
        Timeout timeout = Timeout.of(request.timeout());
        context.setRequestConfig(RequestConfig.custom()
                .setRedirectsEnabled(request.maxRedirects() > 0)
                .setMaxRedirects(request.maxRedirects())
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .build());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            message.cancel();
        }, request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(RoutingSupport.determineHost(message), message, context)) {
            long limit = Math.min(request.maxResponseBytes(), maxResponseBytes);
            byte[] body = readBody(response.getEntity(), limit, message, uri);
            return new Response(response.getCode(), headers(response), body, finalUrl(uri, context));
        } catch (IOException | HttpException e) {
            throw failure(e, request, uri, expired.get());
        } finally {
            deadline.cancel(false);
        }
    }

    private static byte[] readBody(HttpEntity entity, long limit, HttpUriRequestBase message, URI uri)
            throws IOException, TaskFailure {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > limit) {
            throw tooLarge(message, uri, limit);
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw tooLarge(message, uri, limit);
            }
            return body;
        }
    }

    /** Drops the connection first, so that closing the response does not read the rest of a huge body. */
    private static TaskFailure tooLarge(HttpUriRequestBase message, URI uri, long limit) {
        message.cancel();
        return TaskFailure.permanent("the response from " + uri.getHost() + " is larger than the limit of " + limit
                + " bytes");
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(header.getValue());
        }
        return headers;
    }

    private static String finalUrl(URI uri, HttpClientContext context) {
        RedirectLocations redirects = context.getRedirectLocations();
        return redirects == null || redirects.size() == 0 ? uri.toString() : redirects.get(redirects.size() - 1).toString();
    }

    /**
     * What a failed call means for the task. Messages name the host, never the whole URL, whose query may hold a
     * secret.
     */
    private static TaskFailure failure(Exception e, Request request, URI uri, boolean expired)
            throws InterruptedException {
        if (expired) {
            return TaskFailure.transientFailure("no complete response from " + uri.getHost() + " within "
                    + request.timeout().toMillis() + " ms");
        }
        if (Thread.interrupted()) {
            InterruptedException interrupted = new InterruptedException("interrupted while calling " + uri.getHost());
            interrupted.initCause(e);
            throw interrupted;
        }
        RefusedHostException refused = cause(e, RefusedHostException.class);
        if (refused != null) {
            return new TaskFailure("refused to connect: " + refused.getMessage(), false, e);
        }
        if (cause(e, RedirectException.class) != null) {
            return new TaskFailure("more than " + request.maxRedirects() + " redirects from " + uri.getHost()
                    + " (max_redirects)", false, e);
        }
        if (e instanceof InterruptedIOException) {
            return new TaskFailure("no response from " + uri.getHost() + " within " + request.timeout().toMillis()
                    + " ms", true, e);
        }
        if (e instanceof UnknownHostException) {
            return new TaskFailure(e.getMessage(), true, e);
        }
        return new TaskFailure("calling " + uri.getHost() + " failed: " + e.getMessage(), true, e);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            // Closing only drops pooled connections; nothing is left to do if that fails.
        }
    }
}
