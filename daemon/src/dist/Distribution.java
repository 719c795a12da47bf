import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Build step of the daemon module (run by Maven at {@code package}, as a single-file Java
 * program, after the launcher and its AOT cache): the self-contained distribution
 * {@code target/sandbox-daemon-<version>-linux-x64.tar.gz} and its {@code .sha256}. It holds
 * <pre>
 *   sandbox-daemon-&lt;version&gt;/bin/sandbox-daemon   runs lib/ on runtime/
 *   sandbox-daemon-&lt;version&gt;/runtime/              a jlink'd Java runtime: only the modules jdeps finds
 *   sandbox-daemon-&lt;version&gt;/lib/                  the launcher, the jars, and an AOT cache made for runtime/
 * </pre>
 * Usage: {@code java Distribution.java <target dir> <version> <dist launcher>}. The runtime is linked
 * again only when its module list or the JDK changed (jlink takes ~30 s on 2 cores); the cache is
 * trained by {@code AotTraining.java} beside this file's folder, with the same up-to-date rule.
 */
public class Distribution {

    /** Modules no class names statically but the daemon uses: JUL's configuration is read through java.logging. */
    private static final Set<String> EXTRA_MODULES = Set.of("java.logging");
    /**
     * Modules jdeps lists that the daemon never loads a class of: java.desktop (with java.prefs and
     * java.datatransfer) only for Micrometer's Log4j2Metrics binder (java.beans). Leaving it out
     * takes ~11 MiB off the tarball.
     */
    private static final Set<String> UNUSED_MODULES = Set.of("java.desktop");

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        String version = args[1];
        Path binScript = Path.of(args[2]).toAbsolutePath();
        String name = "sandbox-daemon-" + version;
        Path dist = target.resolve("dist").resolve(name);
        Path runtime = dist.resolve("runtime");
        Path lib = dist.resolve("lib");
        long t0 = System.nanoTime();

        String modules = String.join(",", modules(target));
        link(runtime, modules);
        copyApp(target, lib);
        Path bin = Files.createDirectories(dist.resolve("bin")).resolve("sandbox-daemon");
        Files.copy(binScript, bin, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        train(lib, runtime, binScript.getParent().getParent().resolve("aot/AotTraining.java"));

        Path tarball = target.resolve(name + "-linux-x64.tar.gz");
        run(List.of("tar", "-C", dist.getParent().toString(), "-czf", tarball.toString(), name));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tarball)));
        Files.writeString(target.resolve(tarball.getFileName() + ".sha256"), sha + "  " + tarball.getFileName() + "\n");
        System.out.printf("[dist] %s: %.1f MiB (modules %s) in %.1f s%n", tarball, Files.size(tarball) / 1048576.0,
                modules, (System.nanoTime() - t0) / 1e9);
    }

    /** The JDK modules the jars need (jdeps), plus {@link #EXTRA_MODULES}, less {@link #UNUSED_MODULES}. */
    private static Set<String> modules(Path target) throws IOException {
        List<String> args = new ArrayList<>(List.of("--multi-release", Integer.toString(Runtime.version().feature()),
                "--ignore-missing-deps", "--print-module-deps", target.resolve("sandbox-daemon.jar").toString()));
        try (Stream<Path> libs = Files.list(target.resolve("libs"))) {
            libs.sorted().forEach(p -> args.add(p.toString()));
        }
        String out = tool("jdeps", args);
        Set<String> modules = new TreeSet<>(EXTRA_MODULES);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        for (String m : last.split(",")) {
            if (!m.isBlank()) {
                modules.add(m.strip());
            }
        }
        modules.removeAll(UNUSED_MODULES);
        if (!modules.contains("java.base")) {
            throw new IOException("jdeps printed no module list: " + out);
        }
        return modules;
    }

    private static void link(Path runtime, String modules) throws IOException {
        Path stamp = runtime.getParent().resolveSibling(runtime.getParent().getFileName() + ".runtime.stamp"); // outside the tarball
        String wanted = modules + " " + System.getProperty("java.home") + " " + Runtime.version();
        if (Files.isDirectory(runtime) && Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(wanted)) {
            System.out.println("[dist] " + runtime + " is up to date");
            return;
        }
        deleteTree(runtime);
        Files.deleteIfExists(stamp);
        Files.createDirectories(runtime.getParent());
        tool("jlink", List.of("--add-modules", modules, "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", runtime.toString()));
        Files.writeString(stamp, wanted + "\n");
    }

    /** The launcher, the daemon's jar and libs/, with their modification times (the AOT cache checks them). */
    private static void copyApp(Path target, Path lib) throws IOException {
        Files.createDirectories(lib.resolve("libs"));
        for (String f : List.of("sandbox-daemon", "sandbox-daemon.jar")) {
            Files.copy(target.resolve(f), lib.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Set<String> jars = new TreeSet<>();
        try (Stream<Path> libs = Files.list(target.resolve("libs"))) {
            for (Path p : libs.toList()) {
                jars.add(p.getFileName().toString());
                Files.copy(p, lib.resolve("libs").resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try (Stream<Path> old = Files.list(lib.resolve("libs"))) {
            for (Path p : old.toList()) {
                if (!jars.contains(p.getFileName().toString())) {
                    Files.delete(p); // a jar an earlier build had
                }
            }
        }
    }

    /** The AOT cache for the distribution's runtime (a cache works only with the runtime that made it). */
    private static void train(Path lib, Path runtime, Path aotTraining) throws IOException, InterruptedException {
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), aotTraining.toString(),
                lib.toString(), runtime.toString()));
    }

    private static String tool(String name, List<String> args) throws IOException {
        ToolProvider tool = ToolProvider.findFirst(name).orElseThrow(() -> new IOException(
                "this JDK has no " + name + "; build with a full JDK 25+ (e.g. Temurin 25)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = tool.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (code != 0) {
            throw new IOException(name + " " + args + " failed (" + code + "): " + err + out);
        }
        return out.toString();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        int code = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (code != 0) {
            throw new IOException(command + " exited with " + code);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
