package io.dataflow.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * A Node.js project under {@code src/test/node} that drives the server with a client of Cloudflare's (its SDK,
 * wrangler), unchanged: its {@code checks.mjs} prints one JSON line per check, {@code {check, ok, detail}}.
 *
 * <p>Needs Node.js and the project's packages ({@code npm ci} in its folder, which {@code .ci/run} does). Without
 * them the test is skipped with a message, unless {@code DATAFLOW_TEST_NODE=required} (as {@code .ci/run} sets),
 * which makes it fail instead.
 */
public final class NodeChecks {

    private final Path project;
    private final String installedPackage;

    /**
     * @param folder the project's folder under {@code src/test/node}
     * @param installedPackage a package of its that {@code npm ci} installs, to tell whether it ran
     */
    public NodeChecks(String folder, String installedPackage) {
        this(Path.of("src", "test", "node", folder), installedPackage);
    }

    /**
     * @param project a Node.js project's folder, relative to the server module
     * @param installedPackage a package of its that {@code npm ci} installs, to tell whether it ran
     */
    public NodeChecks(Path project, String installedPackage) {
        this.project = project;
        this.installedPackage = installedPackage;
    }

    /** The project's folder, relative to the server module. */
    public Path project() {
        return project;
    }

    /** Skips the test when Node.js or the project's packages are missing, unless they are required. */
    public void requireInstalled() {
        String missing = null;
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
                missing = "`node --version` failed";
            }
        } catch (IOException | InterruptedException e) {
            missing = "Node.js is not installed (no `node` on the PATH)";
        }
        if (missing == null && !Files.isDirectory(project.resolve("node_modules").resolve(installedPackage))) {
            missing = installedPackage + " is not installed: run `npm ci` in " + project.toAbsolutePath().normalize();
        }
        if (missing == null) {
            return;
        }
        skipUnlessRequired(missing, "DATAFLOW_TEST_NODE");
    }

    /**
     * Skips the test with a message, or fails it when {@code setting} is {@code required} (as {@code .ci/run} sets
     * it), so that CI never passes by skipping.
     */
    public static void skipUnlessRequired(String missing, String setting) {
        String required = System.getenv(setting);
        if (required != null && required.toLowerCase(Locale.ROOT).equals("required")) {
            throw new IllegalStateException(missing + "; " + setting + "=required");
        }
        System.err.println("SKIPPING: " + missing);
        Assumptions.abort(missing);
    }

    /** Runs checks.mjs with these settings (and no CLOUDFLARE_* setting of the machine's); its lines, parsed. */
    public List<JsonNode> run(Map<String, String> settings, Duration timeout) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "checks.mjs").directory(project.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().keySet().removeIf(name -> name.startsWith("CLOUDFLARE_"));
        builder.environment().putAll(settings);
        Process node = builder.start();
        byte[] output = node.getInputStream().readAllBytes();
        if (!node.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("checks.mjs did not finish within " + timeout);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.parse(line));
            }
        }
        assertThat(node.exitValue()).as("exit status of checks.mjs; its output:%n%s", text).isZero();
        return lines;
    }
}
