package dev.sandboxagent.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The program of the client's issue ("Done when"), compiled against exactly what {@code mvn
 * package} leaves in {@code client/target} (the client jar and {@code libs/}), run in a JVM of
 * its own against a daemon without a token.
 */
class ClientProgramIT {

    static final String PROGRAM = """
            import dev.sandboxagent.client.SandboxClient;
            import dev.sandboxagent.core.port.CreateSessionRequest;
            import dev.sandboxagent.core.port.MessageRequest;
            import dev.sandboxagent.core.port.SessionService;
            import java.net.URI;

            public class Program {
                public static void main(String[] args) {
                    String url = args[0];
                    try (SandboxClient c = SandboxClient.connect(URI.create(url), null)) {
                        SessionService s = c.sessions();
                        s.createSession("j1", CreateSessionRequest.forAgent("mock"));
                        try (var t = s.postMessageAndFollowTurn("j1", MessageRequest.of("stream a b c"))) {
                            t.stream().forEach(e -> System.out.println(e.type().wire()));
                        }
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theIssuesProgramCompilesAgainstTheClientJarsAndRuns() throws Exception {
        Path target = Path.of(System.getProperty("client.target", "target"));
        String classPath = classPath(target);
        Path src = Files.createDirectories(dir.resolve("src")).resolve("Program.java");
        Files.writeString(src, PROGRAM);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK (javac) runs the tests").isNotNull();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-classpath", classPath, "-d", classes.toString(), src.toString());
        assertThat(rc).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();

        try (LocalDaemon daemon = new LocalDaemon(dir.resolve("daemon"), null)) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classes + File.pathSeparator + classPath, "Program", daemon.uri().toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out.lines().toList()).containsExactly("turn.started", "item.started", "item.completed",
                    "item.started", "item.delta", "item.delta", "item.delta", "item.completed", "turn.ended");
        }
    }

    /** The client jar and every jar in libs/: nothing else (no test classes, no http). */
    private static String classPath(Path target) throws Exception {
        List<String> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(target)) {
            s.filter(p -> p.getFileName().toString().matches("sandbox-agent-client(-[0-9][^/]*)?\\.jar"))
                    .forEach(p -> jars.add(p.toString()));
        }
        assertThat(jars).as("the client jar in %s (run after `mvn package`)", target).hasSize(1);
        try (Stream<Path> s = Files.list(target.resolve("libs"))) {
            List<Path> libs = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertThat(libs).extracting(p -> p.getFileName().toString())
                    .anyMatch(n -> n.startsWith("sandbox-agent-core-"))
                    .noneMatch(n -> n.startsWith("helidon") || n.startsWith("sandbox-agent-http"));
            libs.forEach(p -> jars.add(p.toString()));
        }
        return String.join(File.pathSeparator, jars);
    }
}
