package io.dataflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** What the numbers depend on besides the code: cores, CPU, JDK, and how busy the machine already was. */
final class MachineFacts {

    private MachineFacts() {
    }

    static void record(Measurements measurements) {
        measurements.fact("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        cpuModel().ifPresent(model -> measurements.fact("CPU", model));
        measurements.fact("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.runtime.version") + " (server and driver)");
        measurements.fact("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        measurements.fact("load average at start", loadAverage());
    }

    /** The 1-minute load average: above the core count, other processes were competing for the CPU. */
    static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
