package dev.sandboxagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the numbers were measured on, and how busy it was. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        String kernel = read(Path.of("/proc/sys/kernel/osrelease"));
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + (cpu == null ? "?" : cpu) + "), "
                + (mem == null ? "?" : Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024 + " MiB") + " RAM, Linux "
                + (kernel == null ? "?" : kernel.strip()) + ", bench on Java " + System.getProperty("java.version");
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        String s = read(Path.of("/proc/loadavg"));
        if (s == null) {
            return "?";
        }
        String[] f = s.trim().split("\\s+");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : s.trim();
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? null : line.substring(colon + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
