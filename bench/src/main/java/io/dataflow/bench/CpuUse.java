package io.dataflow.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU time the server and this driver used over an interval, next to the wall time and the CPU the machine had:
 * a server using little of the available CPU was waiting (on its database, on locks, or for a CPU that other
 * processes held), not computing.
 */
final class CpuUse {

    private final ProcessHandle server;
    private final long wallStart = System.nanoTime();
    private final long serverStart;
    private final long driverStart;

    private CpuUse(ProcessHandle server) {
        this.server = server;
        this.serverStart = cpuNanos(server);
        this.driverStart = driverCpuNanos();
    }

    static CpuUse since(long serverPid) {
        return new CpuUse(ProcessHandle.of(serverPid).orElseThrow());
    }

    String describe() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double serverCpu = (cpuNanos(server) - serverStart) / 1e9;
        double driverCpu = (driverCpuNanos() - driverStart) / 1e9;
        return String.format(Locale.ROOT, "server %.1f s CPU, driver %.1f s CPU, in %.1f s wall on %d cores",
                serverCpu, driverCpu, wall, Runtime.getRuntime().availableProcessors());
    }

    /** The CPU time a process has used so far. */
    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long driverCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0L;
    }
}
