package io.dataflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time the local PostgreSQL server's processes used, read from {@code /proc}: every process named
 * {@code postgres} counts its own user and system time, and the postmaster also the time of the backends it has
 * reaped (its {@code cutime}/{@code cstime}), so connections that close during an interval are not lost. A backend
 * that exists at the start of an interval and exits during it is counted whole in the postmaster and minus its start
 * value in the sum: the difference of two snapshots is the CPU used in between.
 *
 * <p>Only meaningful when PostgreSQL runs on this machine; Linux only.
 */
final class PostgresCpu {

    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private PostgresCpu() {
    }

    /** Whether this machine's {@code /proc} shows a PostgreSQL server. */
    static boolean available() {
        return snapshotTicks() > 0;
    }

    /** The CPU time all PostgreSQL processes have used so far, in seconds. */
    static double seconds() {
        return snapshotTicks() / TICKS_PER_SECOND;
    }

    private static long snapshotTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(PostgresCpu::ticks).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** utime + stime + cutime + cstime of a postgres process; 0 for any other or one that just exited. */
    private static long ticks(Path process) {
        try {
            if (!Files.readString(process.resolve("comm")).strip().equals("postgres")) {
                return 0;
            }
            String stat = Files.readString(process.resolve("stat"));
            // The command name in parentheses may hold spaces; the fields after it are plain numbers.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the name: state is field 3 of stat(5), so utime (14) is index 11 here, then stime, cutime, cstime.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
