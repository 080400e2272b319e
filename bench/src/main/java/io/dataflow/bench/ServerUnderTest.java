package io.dataflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server jar running as a child process on one database, with a fresh data directory (and a fresh PostgreSQL
 * schema), a free port and an admin key of our choosing. Closing it stops the process and removes both.
 */
final class ServerUnderTest implements AutoCloseable {

    /** The server starts in seconds on an idle machine; a loaded 2-core one can take half a minute or more. */
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);

    private final Process process;
    private final Path dataDir;
    private final PostgresSchema schema;
    private final URI baseUri;
    private final String apiKey;
    private final Thread killer;
    private Duration startup;

    private ServerUnderTest(Process process, Path dataDir, PostgresSchema schema, URI baseUri, String apiKey) {
        this.process = process;
        this.dataDir = dataDir;
        this.schema = schema;
        this.baseUri = baseUri;
        this.apiKey = apiKey;
        // If the driver is interrupted (Ctrl-C), the server must not outlive it.
        this.killer = new Thread(process::destroyForcibly, "kill-server-under-test");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    static ServerUnderTest start(Database database, BenchOptions options) throws Exception {
        if (!Files.isRegularFile(options.serverJar())) {
            throw new IllegalStateException("no server jar at " + options.serverJar().toAbsolutePath()
                    + "; build it with ./mvnw -q -B -DskipTests package -pl server -am, or run ./dataflow bench");
        }
        Path dataDir = Files.createTempDirectory("dataflow-bench-");
        PostgresSchema schema = null;
        try {
            int port = freePort();
            String apiKey = "bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            ProcessBuilder builder = new ProcessBuilder(command(database, options, dataDir));
            Map<String, String> env = builder.environment();
            // The caller's DATAFLOW_* settings (a database URL, say) must not leak into a run on a fresh database.
            env.keySet().removeIf(k -> k.startsWith("DATAFLOW_"));
            env.put("DATAFLOW_PORT", Integer.toString(port));
            env.put("DATAFLOW_DATA_DIR", dataDir.toString());
            env.put("DATAFLOW_ADMIN_API_KEY", apiKey);
            // The scenarios start 1,000 to 2,000 executions a second from one organization, far beyond the
            // per-organization limits a shared server has by default. The limits stay on, so their checks are in
            // the figures, but this high they never refuse a start.
            env.put("DATAFLOW_LIMIT_STARTS_PER_SECOND", "1000000");
            env.put("DATAFLOW_LIMIT_UNFINISHED_EXECUTIONS", "1000000");
            if (options.workers() > 0) {
                env.put("DATAFLOW_WORKERS", Integer.toString(options.workers()));
            }
            if (database == Database.POSTGRES) {
                schema = PostgresSchema.create(options.pgUrl(), options.pgUser(), options.pgPassword());
                env.put("DATAFLOW_DB_URL", schema.serverUrl());
                env.put("DATAFLOW_DB_USER", options.pgUser());
                env.put("DATAFLOW_DB_PASSWORD", options.pgPassword());
            }
            builder.redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile());
            long began = System.nanoTime();
            Process process = builder.start();
            URI base = URI.create("http://127.0.0.1:" + port);
            ServerUnderTest server = new ServerUnderTest(process, dataDir, schema, base, apiKey);
            try {
                server.awaitHealthy(began);
                return server;
            } catch (Exception | Error e) {
                server.close();
                throw e;
            }
        } catch (Exception | Error e) {
            if (schema != null) {
                schema.close();
            }
            deleteTree(dataDir);
            throw e;
        }
    }

    private static List<String> command(Database database, BenchOptions options, Path dataDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getenv("DATAFLOW_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (options.jfrDirectory() != null) {
            Path recording = options.jfrDirectory().toAbsolutePath()
                    .resolve("server-" + database.name().toLowerCase(java.util.Locale.ROOT) + ".jfr");
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        }
        command.add("-jar");
        command.add(options.serverJar().toAbsolutePath().toString());
        return command;
    }

    private void awaitHealthy(long began) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(baseUri.resolve("/actuator/health"))
                .header("X-API-Key", apiKey).timeout(Duration.ofSeconds(5)).build();
        long deadline = began + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with status " + process.exitValue()
                        + " while starting; its log ends with:\n" + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startup = Duration.ofNanos(System.nanoTime() - began);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not healthy within " + STARTUP_LIMIT.toSeconds()
                + " s; its log ends with:\n" + logTail());
    }

    URI baseUri() {
        return baseUri;
    }

    String apiKey() {
        return apiKey;
    }

    long pid() {
        return process.pid();
    }

    /** From launching the JVM to the first healthy answer. */
    Duration startup() {
        return startup;
    }

    /** The server's PostgreSQL schema, or null on H2. */
    PostgresSchema postgresSchema() {
        return schema;
    }

    /** The PostgreSQL server's version, or null on H2. */
    String postgresVersion() {
        return schema == null ? null : schema.serverVersion();
    }

    String logTail() {
        try (Stream<String> lines = Files.lines(dataDir.resolve("server.log"))) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server (gracefully, then forcibly), drops its schema and deletes its data directory. */
    @Override
    public void close() throws Exception {
        try {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // already shutting down; the hook runs anyway
            }
        } finally {
            try {
                if (schema != null) {
                    schema.close();
                }
            } finally {
                deleteTree(dataDir);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
