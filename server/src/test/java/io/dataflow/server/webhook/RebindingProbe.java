package io.dataflow.server.webhook;

import com.sun.net.httpserver.HttpServer;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.store.WebhookDeliveryStore.Attempt;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM {@link WebhookDnsRebindingTests} starts, with {@link RebindingResolverProvider} installed and the JDK's
 * name cache off: posts one webhook to {@code http://rebinding.test:PORT/hook} with the server's {@link
 * WebhookPoster}, while receivers on 127.0.0.1 and 127.0.0.2 listen on that port, and prints which one got it and
 * how often the name was looked up.
 */
final class RebindingProbe {

    private RebindingProbe() {
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        HttpServer checked = receiver(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), first);
        int port = checked.getAddress().getPort();
        HttpServer rebound = receiver(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port), second);
        WebhookSettings settings = new WebhookSettings(Duration.ofSeconds(5), 4, 2, 2, 5, Duration.ofSeconds(10));
        try (WebhookPoster poster = new WebhookPoster(new OutboundGuard(true), settings)) {
            Attempt attempt = poster.post("http://" + RebindingResolverProvider.HOST + ":" + port + "/hook",
                    Map.of("Content-Type", List.of("application/json")), "{}".getBytes(StandardCharsets.UTF_8));
            System.out.println("RESULT delivered=" + attempt.delivered() + " checked=" + first.get() + " rebound="
                    + second.get() + " lookups=" + RebindingResolverProvider.LOOKUPS.get()
                    + (attempt.error() == null ? "" : " error=" + attempt.error()));
        } finally {
            checked.stop(0);
            rebound.stop(0);
        }
    }

    private static HttpServer receiver(InetSocketAddress address, AtomicInteger hits) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hits.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
