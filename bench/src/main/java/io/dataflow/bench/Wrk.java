package io.dataflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs <a href="https://github.com/wg/wrk">wrk</a> (Debian package {@code wrk}, written in C) with a Lua script
 * and reads back its totals. wrk costs the machine a fraction of the CPU the Java driver does, so the scenarios that
 * load the server hard use it. The script given sets up the requests; {@link #run} appends a {@code done} function
 * that prints one line with the totals and the latency percentiles.
 */
final class Wrk {

    private static final Pattern RESULT = Pattern.compile(
            "WRK_RESULT requests=(?<requests>\\d+) duration_us=(?<duration>\\d+) errors=(?<errors>\\d+)"
                    + " p50_us=(?<p50>\\d+) p99_us=(?<p99>\\d+)");

    /**
     * Counts every answer that is not 2xx (wrk itself counts only 400 and above), and prints the totals in wrk's
     * {@code done} callback: errors are those answers plus connection errors, read or write errors and timeouts.
     */
    private static final String DONE = """

            not_2xx = 0
            local threads = {}
            setup = function(thread)
              table.insert(threads, thread)
            end
            response = function(status, headers, body)
              if status < 200 or status > 299 then
                not_2xx = not_2xx + 1
              end
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              local refused = 0
              for _, thread in ipairs(threads) do
                refused = refused + thread:get("not_2xx")
              end
              io.write(string.format("WRK_RESULT requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d\\n",
                summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + refused,
                latency:percentile(50), latency:percentile(99)))
            end
            """;

    /**
     * What wrk measured.
     *
     * @param errors answers other than 2xx, and requests that got no answer
     */
    record Result(long requests, Duration duration, long errors, double p50Millis, double p99Millis) {

        double requestsPerSecond() {
            return requests / (duration.toNanos() / 1e9);
        }
    }

    private Wrk() {
    }

    /** Whether wrk is on the PATH; the scenarios that use it cannot run without it. */
    static boolean installed() {
        try {
            Process which = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            which.getInputStream().readAllBytes();
            which.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Keeps {@code connections} connections sending requests to {@code url} back to back for {@code duration}, from
     * two threads.
     *
     * @param script Lua that sets up the requests (method, headers, body, or a {@code request} function); must not
     *     define {@code setup}, {@code response} or {@code done}
     */
    static Result run(String script, String url, int connections, Duration duration)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile("dataflow-bench-wrk-", ".lua");
        try {
            Files.writeString(file, script + DONE, StandardCharsets.UTF_8);
            List<String> command = List.of("wrk", "-t", "2", "-c", Integer.toString(connections), "-d",
                    duration.toSeconds() + "s", "--timeout", "10s", "-s", file.toString(), url);
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new DataflowClient.ApiException("wrk exited with status " + wrk.exitValue() + ":\n" + output);
            }
            Matcher m = RESULT.matcher(output);
            if (!m.find()) {
                throw new DataflowClient.ApiException("wrk printed no result:\n" + output);
            }
            return new Result(Long.parseLong(m.group("requests")), Duration.ofNanos(Long.parseLong(
                    m.group("duration")) * 1000), Long.parseLong(m.group("errors")),
                    Long.parseLong(m.group("p50")) / 1000.0, Long.parseLong(m.group("p99")) / 1000.0);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code text} as a Lua string literal. */
    static String lua(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
