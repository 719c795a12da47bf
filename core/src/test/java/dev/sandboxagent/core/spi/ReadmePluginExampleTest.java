package dev.sandboxagent.core.spi;

import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.Sandbox;
import dev.sandboxagent.core.embed.SandboxAgent;
import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.conformance.EventInvariants;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.MockEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin example of the README's "Adding an agent" section is complete and works: its files
 * (each code block after a {@code <!-- plugin-example: PATH -->} marker) are compiled against
 * core alone, found through ServiceLoader like a plugin jar, and run a turn in the engine.
 */
class ReadmePluginExampleTest {

    private static final Pattern EXAMPLE_FILE =
            Pattern.compile("<!-- plugin-example: (\\S+) -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theReadmePluginCompilesLoadsAndRunsATurn() throws Exception {
        Path out = compiledExample();

        try (URLClassLoader plugin = new URLClassLoader(new URL[]{out.toUri().toURL()}, getClass().getClassLoader())) {
            AgentAdapter echo = AgentCatalog.discover(plugin).stream().filter(a -> a.id().equals("echo"))
                    .findFirst().orElseThrow(() -> new AssertionError("the services file does not register 'echo'"));
            MockEngine mock = new MockEngine(dir.resolve("data"), echo);
            mock.engine.createSession("s", CreateSessionRequest.forAgent("echo"));
            List<UniversalEvent> turn = mock.turn("s", "hello");

            assertThat(MockEngine.types(turn)).containsSubsequence("turn.started", "item.started", "item.delta",
                    "item.delta", "item.completed", "turn.ended");
            assertThat(turn).filteredOn(e -> e.type() == UniversalEventType.ITEM_DELTA)
                    .extracting(e -> ((ItemDeltaData) e.data()).delta()).containsExactly("echo: ", "hello");
            var reply = turn.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                    .map(e -> ((ItemEventData) e.data()).item()).filter(i -> i.role() == ItemRole.ASSISTANT)
                    .findFirst().orElseThrow();
            assertThat(reply.text()).isEqualTo("echo: hello");
            EventInvariants.check(mock.readUntil("s", 0, MockEngine.ofType(UniversalEventType.TURN_ENDED)));
        }
    }

    /** The same plugin as a jar in a plugin folder: the embedded engine loads it as the daemon's --plugin-dir does. */
    @Test
    void theEmbeddedEngineLoadsThePluginJarFromAPluginDirectory() throws Exception {
        Path out = compiledExample();
        Path plugins = Files.createDirectories(dir.resolve("my-plugins"));
        jar(out, plugins.resolve("echo-plugin.jar"));

        try (Sandbox sandbox = SandboxAgent.embedded().dataDir(dir.resolve("data")).workingDirectory(dir)
                .pluginDirectory(plugins).build()) {
            assertThat(sandbox.agents().listAgents()).extracting(a -> a.id()).contains("mock", "echo");
            sandbox.sessions().createSession("s", CreateSessionRequest.forAgent("echo"));
            try (var turn = sandbox.sessions().postMessageAndFollowTurn("s", MessageRequest.of("hi"))) {
                List<UniversalEvent> events = new ArrayList<>();
                while (!turn.isFinished()) {
                    events.addAll(turn.poll(java.time.Duration.ofSeconds(30)));
                }
                assertThat(events).filteredOn(e -> e.type() == UniversalEventType.ITEM_DELTA)
                        .extracting(e -> ((ItemDeltaData) e.data()).delta()).containsExactly("echo: ", "hi");
            }
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SandboxAgent.embedded().dataDir(dir.resolve("data"))
                .pluginDirectory(dir.resolve("no-such-folder")).build()))
                .as("a mistyped plugin folder is an error, as for the daemon")
                .isInstanceOf(dev.sandboxagent.core.plugins.PluginException.class).hasMessageContaining("no-such-folder");
    }

    /** The README's example files, the Java ones compiled: the folder a plugin jar would hold. */
    private Path compiledExample() throws IOException, URISyntaxException {
        Map<String, String> files = exampleFiles(readme());
        assertThat(files).as("files of the README's plugin example").containsKeys(
                "dev/example/echo/EchoAdapter.java", "META-INF/services/dev.sandboxagent.core.spi.AgentAdapter");
        Path out = dir.resolve("out");
        List<File> sources = new ArrayList<>();
        for (var f : files.entrySet()) {
            Path p = (f.getKey().endsWith(".java") ? dir.resolve("src") : out).resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
            if (f.getKey().endsWith(".java")) {
                sources.add(p.toFile());
            }
        }
        compile(sources, out);
        return out;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static void compile(List<File> sources, Path out) throws IOException, URISyntaxException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK (not a JRE) runs the tests: javax.tools has no compiler").isNotNull();
        // Only core and the JSON-P API, which is what a plugin compiles against.
        String classPath = location(AgentAdapter.class) + File.pathSeparator + location(jakarta.json.JsonValue.class);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = javac.getTask(null, fm, diagnostics,
                    List.of("-d", out.toString(), "-classpath", classPath, "--release", "21"), null,
                    fm.getJavaFileObjectsFromFiles(sources)).call();
            assertThat(ok).as("the README's plugin example compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** The repository's README.md, found from the module's directory upwards. */
    private static String readme() throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path readme = d.resolve("README.md");
            if (Files.isRegularFile(readme) && Files.readString(readme).contains("## Adding an agent")) {
                return Files.readString(readme);
            }
        }
        throw new AssertionError("README.md with an 'Adding an agent' section not found above "
                + Path.of("").toAbsolutePath());
    }

    private static Map<String, String> exampleFiles(String readme) {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = EXAMPLE_FILE.matcher(readme);
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }
}
