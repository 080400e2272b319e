package io.dataflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * <a href="https://github.com/wg/wrk">wrk</a> sending an exact number of requests rather than for a duration, each
 * made by the caller's Lua (so each may differ: an id of its own, a body of its own). wrk has no option for that, so
 * the script does it: each of wrk's two threads takes half the requests; its {@code delay} hook holds every
 * connection back for an hour once the thread has handed out its share, and the thread stops itself when the last
 * of its share is answered. wrk's main thread still sleeps until the duration passes, so {@link #finish} interrupts
 * it (SIGINT, as Ctrl-C does), which makes wrk report at once.
 *
 * <p>wrk's own run time spans that sleep too, so the script keeps its own clock ({@code clock_gettime} through
 * LuaJIT's FFI, the realtime clock {@link Instant#now} reads): when each thread sent its first request and got its
 * last answer.
 */
final class CountedWrk implements AutoCloseable {

    /** wrk's threads; the requests are split between them. */
    static final int THREADS = 2;

    private static final Pattern RESULT = Pattern.compile(
            "WRK_COUNTED sent=(?<sent>\\d+) answered=(?<answered>\\d+) refused=(?<refused>\\d+)"
                    + " errors=(?<errors>\\d+) first_us=(?<first>\\d+) last_us=(?<last>\\d+)"
                    + " p50_us=(?<p50>\\d+) p99_us=(?<p99>\\d+)");

    /**
     * Around the caller's script: the shares, the clock, the hooks and the report. {@code %1$d} is the number of
     * requests, {@code %2$d} the threads.
     */
    private static final String HARNESS = """

            local ffi = require("ffi")
            ffi.cdef[[
            typedef struct { long tv_sec; long tv_nsec; } counted_wrk_timespec;
            int clock_gettime(int clock_id, counted_wrk_timespec *tp);
            ]]
            local clock = ffi.new("counted_wrk_timespec")
            local function now_us()
              ffi.C.clock_gettime(0, clock)
              return tonumber(clock.tv_sec) * 1000000 + math.floor(tonumber(clock.tv_nsec) / 1000)
            end

            local total, thread_count = %1$d, %2$d
            local threads = {}
            setup = function(thread)
              table.insert(threads, thread)
              local id = #threads
              thread:set("id", id)
              thread:set("share", math.floor(total / thread_count) + ((id <= total %% thread_count) and 1 or 0))
            end

            granted, sent, answered, refused, first_us, last_us = 0, 0, 0, 0, 0, 0
            delay = function()
              granted = granted + 1
              if granted <= share then
                return 0
              end
              return 3600000
            end
            request = function()
              sent = sent + 1
              if first_us == 0 then
                first_us = now_us()
              end
              return make_request(id, sent)
            end
            response = function(status, headers, body)
              answered = answered + 1
              if status < 200 or status > 299 then
                refused = refused + 1
              end
              if answered == share then
                last_us = now_us()
                wrk.thread:stop()
              end
            end
            done = function(summary, latency, requests)
              local s, a, r, first, last = 0, 0, 0, 0, 0
              for _, thread in ipairs(threads) do
                s = s + thread:get("sent")
                a = a + thread:get("answered")
                r = r + thread:get("refused")
                local f = thread:get("first_us")
                if f > 0 and (first == 0 or f < first) then
                  first = f
                end
                last = math.max(last, thread:get("last_us"))
              end
              local e = summary.errors
              io.write(string.format("WRK_COUNTED sent=%%d answered=%%d refused=%%d errors=%%d first_us=%%d"
                .. " last_us=%%d p50_us=%%d p99_us=%%d\\n", s, a, r, e.connect + e.read + e.write + e.timeout,
                first, last, latency:percentile(50), latency:percentile(99)))
            end
            """;

    /**
     * What wrk did.
     *
     * @param sent requests sent; more than asked for only when a connection failed and wrk sent again
     * @param answered answers received
     * @param refused answers other than 2xx
     * @param socketErrors connection, read and write errors and timeouts
     * @param firstSent when the first request was sent
     * @param lastAnswered when the last thread got the last answer of its share; null when one did not
     * @param cpuSeconds the CPU time wrk used
     */
    record Result(long sent, long answered, long refused, long socketErrors, Instant firstSent, Instant lastAnswered,
            double p50Millis, double p99Millis, double cpuSeconds) {

        /** From the first request sent to the last answer, in milliseconds. */
        double sendingMillis() {
            return Millis.between(firstSent, lastAnswered);
        }
    }

    private final Process process;
    private final Path script;
    private final int count;

    private CountedWrk(Process process, Path script, int count) {
        this.process = process;
        this.script = script;
        this.count = count;
    }

    /**
     * Starts wrk sending {@code count} requests to {@code url} over {@code connections} connections.
     *
     * @param script Lua that sets {@code wrk.method} and {@code wrk.headers} as needed and defines
     *     {@code make_request(thread, n)}, returning the {@code n}-th request (from 1) of wrk thread {@code thread}
     *     (1 or 2), usually through {@code wrk.format}; it must not define wrk's hooks ({@code setup},
     *     {@code delay}, {@code request}, {@code response}, {@code done})
     * @param limit how long wrk may take at most
     */
    static CountedWrk start(String script, String url, int connections, int count, Duration limit)
            throws IOException {
        Path file = Files.createTempFile("dataflow-bench-wrk-", ".lua");
        try {
            Files.writeString(file, script + HARNESS.formatted(count, THREADS), StandardCharsets.UTF_8);
            List<String> command = List.of("wrk", "-t", Integer.toString(THREADS), "-c",
                    Integer.toString(Math.max(connections, THREADS)), "-d", limit.toSeconds() + "s", "--timeout",
                    "10s", "-s", file.toString(), url);
            return new CountedWrk(new ProcessBuilder(command).redirectErrorStream(true).start(), file, count);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Reads wrk's CPU time, stops it and returns what it reported. Call it once every request has been answered
     * (the server has them all); requests still unanswered are reported as such.
     */
    Result finish() throws IOException, InterruptedException {
        double cpuSeconds = process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
        if (process.isAlive()) {
            Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            interrupt.waitFor(10, TimeUnit.SECONDS);
        }
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new DataflowClient.ApiException("wrk did not stop after SIGINT:\n" + output);
        }
        Matcher m = RESULT.matcher(output);
        if (process.exitValue() != 0 || !m.find()) {
            throw new DataflowClient.ApiException("wrk exited with status " + process.exitValue()
                    + " and printed no result:\n" + output);
        }
        long answered = Long.parseLong(m.group("answered"));
        long last = Long.parseLong(m.group("last"));
        return new Result(Long.parseLong(m.group("sent")), answered, Long.parseLong(m.group("refused")),
                Long.parseLong(m.group("errors")), micros(Long.parseLong(m.group("first"))),
                answered >= count && last > 0 ? micros(last) : null, Long.parseLong(m.group("p50")) / 1000.0,
                Long.parseLong(m.group("p99")) / 1000.0, cpuSeconds);
    }

    /** Kills wrk if it still runs and deletes its script. */
    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(script);
    }

    private static Instant micros(long epochMicros) {
        return Instant.ofEpochSecond(epochMicros / 1_000_000, (epochMicros % 1_000_000) * 1000);
    }
}
