package io.dataflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Readings of the server's JVM: its heap right after a full GC (asked for with {@code jcmd}, next to the driver's own
 * {@code java}) and its live threads, both from the server's Prometheus metrics.
 */
final class ServerJvm {

    private final long pid;

    ServerJvm(long pid) {
        this.pid = pid;
    }

    /** Heap in use after a full GC, in MiB, and live platform threads (virtual threads are not counted). */
    record Reading(double heapMiB, double liveThreads) {
    }

    Reading read(DataflowClient client) throws IOException, InterruptedException {
        fullGc();
        String metrics = client.text("/actuator/prometheus");
        double heap = 0;
        double threads = -1;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += value(line);
            } else if (line.startsWith("jvm_threads_live_threads")) {
                threads = value(line);
            }
        }
        if (heap == 0 || threads < 0) {
            throw new DataflowClient.ApiException("the server's metrics lack jvm_memory_used_bytes or"
                    + " jvm_threads_live_threads");
        }
        return new Reading(heap / (1024 * 1024), threads);
    }

    private void fullGc() throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow(() ->
                new IOException("the driver cannot tell which java runs it")));
        Path jcmd = java.resolveSibling("jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IOException("no jcmd next to " + java + ", needed to ask the server for a full GC");
        }
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            gc.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.run did not succeed");
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
