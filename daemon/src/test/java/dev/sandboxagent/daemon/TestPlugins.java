package dev.sandboxagent.daemon;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the adapter plugin jars of {@code daemon/src/test/plugins/<name>/} outside the
 * project's modules: its Java sources are compiled with the JDK's compiler against the packaged
 * daemon's class path (the jar and {@code libs/} beside it), and written with the folder's other
 * files (META-INF/services) into a jar. Each jar is built once per test JVM.
 */
final class TestPlugins {

    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private TestPlugins() {
    }

    /** A folder holding only the plugin jar {@code name}.jar, to pass as --plugin-dir or copy into a data dir. */
    static synchronized Path folderWith(String name) {
        return BUILT.computeIfAbsent(name, TestPlugins::build).getParent();
    }

    static Path jar(String name) {
        return folderWith(name).resolve(name + ".jar");
    }

    private static Path build(String name) {
        try {
            Path root = DaemonProcess.root();
            Path sources = root.resolve("daemon/src/test/plugins").resolve(name);
            Path target = root.resolve("daemon/target/test-plugins").resolve(name);
            Path classes = target.resolve("classes");
            deleteTree(target);
            Files.createDirectories(classes);
            List<String> javaFiles;
            try (Stream<Path> files = Files.walk(sources)) {
                javaFiles = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) {
                throw new IllegalStateException("the tests need a JDK (javax.tools compiler), not a JRE");
            }
            List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-encoding", "UTF-8",
                    "-classpath", daemonClassPath(root), "-d", classes.toString()));
            args.addAll(javaFiles);
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("compiling plugin " + name + " failed:\n" + diagnostics.toString(StandardCharsets.UTF_8));
            }
            Path jar = target.resolve("jar").resolve(name + ".jar");
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                addTree(out, classes, p -> true);
                addTree(out, sources, p -> !p.toString().endsWith(".java"));
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged daemon's class path: the jar and every library beside it. */
    private static String daemonClassPath(Path root) throws IOException {
        Path target = root.resolve("daemon/target");
        try (Stream<Path> libs = Files.list(target.resolve("libs"))) {
            return Stream.concat(Stream.of(target.resolve("sandbox-daemon.jar")),
                            libs.filter(f -> f.toString().endsWith(".jar")).sorted())
                    .map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
    }

    private static void addTree(JarOutputStream out, Path dir, java.util.function.Predicate<Path> include) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(include).sorted().toList();
        }
        for (Path f : files) {
            out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, out);
            out.closeEntry();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
