package io.dataflow.server.support;

import io.dataflow.server.DataflowApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in a separate JVM, so a test can kill it the hard way (SIGKILL) and start another on the same
 * database. It runs from the test class path, so test-only task types are there too.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)");

    private final Process process;
    private final Path log;
    private final Api api;

    private ServerProcess(Process process, Path log, Api api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /** Starts a server with these DATAFLOW_* settings and waits until it listens. */
    public static ServerProcess start(Map<String, String> settings) throws IOException, InterruptedException {
        return start(settings, List.of());
    }

    /** Starts a server with these DATAFLOW_* settings and JVM options (a small heap, say) and waits until it listens. */
    public static ServerProcess start(Map<String, String> settings, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("dataflow-server-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DataflowApplication.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(settings);
        builder.environment().put("DATAFLOW_PORT", "0");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Matcher matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) {
                return new ServerProcess(process, log, new Api("http://127.0.0.1:" + matcher.group(1),
                        settings.get("DATAFLOW_ADMIN_API_KEY")));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start within 60 s:\n" + Files.readString(log));
    }

    public Api api() {
        return api;
    }

    /** Kills the process with SIGKILL: no shutdown hook, no graceful stop, leases left behind. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        Files.deleteIfExists(log);
    }

}
