package io.dataflow.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.server.support.NodeChecks;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The web UI end to end: the Playwright tests of {@code ui/e2e}, in Debian's Chromium ({@code /usr/bin/chromium},
 * never a downloaded browser), against the real server on H2 serving the built UI. Each Playwright test is reported
 * here as a test of its own, failing with Playwright's message. The main screens' screenshots are saved under
 * {@code server/target/ui-screenshots}.
 *
 * <p>Needs Node.js, the UI's packages (the build's {@code npm ci}) and Chromium; without them the tests are skipped
 * with a message, unless {@code DATAFLOW_TEST_BROWSER=required} (as {@code .ci/run} sets, after installing Chromium
 * with apt), which makes them fail instead.
 */
class UiEndToEndTests {

    private static final NodeChecks UI = new NodeChecks(Path.of("..", "ui"), "@playwright/test");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("DATAFLOW_CHROMIUM",
            "/usr/bin/chromium"));
    private static final long TIMEOUT_MINUTES = 10;

    @TestFactory
    Stream<DynamicTest> theUiInChromium() throws IOException, InterruptedException {
        requireBrowser();
        TestServer server = TestServer.shared(TestDatabase.H2);
        Path results = Path.of("target", "playwright").toAbsolutePath();
        Path screenshots = Path.of("target", "ui-screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        Files.deleteIfExists(results.resolve("results.json"));

        ProcessBuilder builder = new ProcessBuilder("node", "node_modules/@playwright/test/cli.js", "test")
                .directory(UI.project().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("DATAFLOW_UI_URL", server.api().baseUrl());
        builder.environment().put("DATAFLOW_UI_KEY", TestServer.ADMIN_KEY);
        builder.environment().put("DATAFLOW_UI_RESULTS", results.toString());
        builder.environment().put("DATAFLOW_UI_SCREENSHOTS", screenshots.toString());
        builder.environment().put("DATAFLOW_CHROMIUM", CHROMIUM.toString());
        Process playwright = builder.start();
        if (!playwright.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            playwright.destroyForcibly();
            throw new AssertionError("the Playwright tests did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        Path report = results.resolve("results.json");
        assertThat(report).as("Playwright's report (exit status %d)", playwright.exitValue()).exists();
        JsonNode root = Json.parse(Files.readString(report));
        assertThat(root.path("errors")).as("errors outside any test").isEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode suite : root.path("suites")) {
            collect(suite, tests);
        }
        assertThat(tests).as("tests in ui/e2e").isNotEmpty();
        return tests.stream();
    }

    private static void requireBrowser() {
        UI.requireInstalled();
        if (!Files.isExecutable(CHROMIUM)) {
            NodeChecks.skipUnlessRequired("Chromium is not installed at " + CHROMIUM
                    + " (Debian: apt-get install chromium)", "DATAFLOW_TEST_BROWSER");
        }
    }

    /** A dynamic test for each Playwright test of the suite and of its nested suites. */
    private static void collect(JsonNode suite, List<DynamicTest> into) {
        for (JsonNode spec : suite.path("specs")) {
            String name = spec.path("file").asString() + " › " + spec.path("title").asString();
            boolean ok = spec.path("ok").asBoolean(false);
            String errors = errors(spec);
            into.add(DynamicTest.dynamicTest(name, () -> assertThat(ok).as("%s%n%s", name, errors).isTrue()));
        }
        for (JsonNode nested : suite.path("suites")) {
            collect(nested, into);
        }
    }

    private static String errors(JsonNode spec) {
        StringBuilder text = new StringBuilder();
        for (JsonNode test : spec.path("tests")) {
            for (JsonNode result : test.path("results")) {
                for (JsonNode error : result.path("errors")) {
                    text.append(error.path("message").asString("")).append('\n');
                }
            }
        }
        return text.toString();
    }
}
