package io.dataflow.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook delivery connects to the address the outbound guard checked (issue 9, finding 1): a name that resolves
 * to one address for the check and another right after (DNS rebinding) is looked up once, and the request goes to
 * the first address. The JDK caches names for 30 s in a JVM and resolvers are installed once per JVM, so this runs
 * in a JVM of its own ({@link RebindingProbe}) with the cache off and {@link RebindingResolverProvider} installed.
 */
class WebhookDnsRebindingTests {

    @TempDir
    Path services;

    @Test
    void theNameIsResolvedOnceAndTheRequestGoesToTheCheckedAddress() throws Exception {
        Path registration = services.resolve("META-INF/services/java.net.spi.InetAddressResolverProvider");
        Files.createDirectories(registration.getParent());
        Files.writeString(registration, RebindingResolverProvider.class.getName() + "\n");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0",
                "-cp", services + File.pathSeparator + System.getProperty("java.class.path"),
                RebindingProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();

        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("RESULT delivered=true checked=1 rebound=0 lookups=1");
    }
}
