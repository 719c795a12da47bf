package dev.sandboxagent.daemon;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code Dockerfile}: static checks that always run (what it copies exists in the build
 * output and matches the project's version, the user is not root, the health check asks a route
 * the daemon serves, it listens on 0.0.0.0 with the token from the environment), and a real
 * build and run where a container engine answers; where none does, that test is reported as
 * skipped with the reason (never as passed).
 */
class DockerfileIT {

    private static final Pattern ARG_VERSION = Pattern.compile("(?m)^ARG VERSION=(\\S+)$");

    private static String dockerfile() throws Exception {
        return Files.readString(DaemonProcess.root().resolve("Dockerfile"));
    }

    /** The Dockerfile's instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions() throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile().lines().toList()) {
            if (line.strip().startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                out.add(current.append(line).toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return out;
    }

    private static String version() throws Exception {
        Matcher m = ARG_VERSION.matcher(dockerfile());
        assertThat(m.find()).as("ARG VERSION=... in the Dockerfile").isTrue();
        return m.group(1);
    }

    @Test
    void staticChecks() throws Exception {
        Path root = DaemonProcess.root();
        String version = version();
        assertThat(DistributionIT.tarball().getFileName().toString())
                .as("the Dockerfile's VERSION is the project's").isEqualTo("sandbox-daemon-" + version + "-linux-x64.tar.gz");
        List<String> instructions = instructions();
        assertThat(instructions.getFirst()).matches("FROM debian:\\S+-slim");
        assertThat(instructions).anyMatch(i -> i.startsWith("RUN apt-get") && i.contains(" nodejs ") && i.contains(" npm "));

        List<String> copies = instructions.stream().filter(i -> i.startsWith("COPY ")).toList();
        assertThat(copies).isNotEmpty();
        for (String copy : copies) {
            List<String> parts = List.of(copy.split(" "));
            for (String source : parts.subList(1, parts.size() - 1)) {
                Path file = root.resolve(source.replace("${VERSION}", version));
                assertThat(file).as("COPY source " + source + " (after mvn package)").isRegularFile();
                String ignored = Files.readString(root.resolve(".dockerignore"));
                assertThat(ignored).as(".dockerignore lets " + source + " into the context")
                        .contains("!" + source.replace("${VERSION}", "*"));
            }
        }

        String user = instructions.stream().filter(i -> i.startsWith("USER ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no USER: the daemon would run as root"));
        assertThat(user.substring(5)).as("the last USER").isNotIn("root", "0", "0:0");
        assertThat(instructions.indexOf(user)).as("USER comes before ENTRYPOINT/CMD")
                .isLessThan(instructions.indexOf(instructions.stream().filter(i -> i.startsWith("ENTRYPOINT")).findFirst().orElseThrow()));

        String health = instructions.stream().filter(i -> i.startsWith("HEALTHCHECK ")).findFirst()
                .orElseThrow(() -> new AssertionError("no HEALTHCHECK"));
        Matcher path = Pattern.compile("http://127\\.0\\.0\\.1:2468(/\\S*)").matcher(health);
        assertThat(path.find()).as(health).isTrue();
        JsonObject openapi = Json.createReader(new StringReader(Files.readString(
                root.resolve("http/src/main/resources/dev/sandboxagent/http/openapi.json")))).readObject();
        assertThat(openapi.getJsonObject("paths").getJsonObject(path.group(1))).as("the daemon serves " + path.group(1))
                .isNotNull().containsKey("get");
        assertThat(path.group(1)).isEqualTo("/v1/health");

        String cmd = instructions.stream().filter(i -> i.startsWith("CMD ")).findFirst().orElseThrow();
        assertThat(cmd).contains("\"--host\", \"0.0.0.0\"").contains("\"--port\", \"2468\"")
                .doesNotContain("--token").doesNotContain("--no-token"); // the token comes from $SANDBOX_TOKEN
        assertThat(instructions).contains("ENTRYPOINT [\"sandbox-daemon\"]", "EXPOSE 2468");
    }

    @Test
    void buildsAndRunsWhereAContainerEngineWorks() throws Exception {
        Path root = DaemonProcess.root();
        Cli.Result info;
        try {
            info = Cli.runCommand(root.resolve("daemon/target"), Map.of(), List.of("docker", "info"));
        } catch (java.io.IOException e) {
            info = new Cli.Result(-1, "", e.getMessage());
        }
        if (info.exitCode() != 0) {
            String why = "NO CONTAINER ENGINE: 'docker info' failed (" + info.stderr().strip().lines().findFirst().orElse("")
                    + "); the image was NOT built or run here, only the static checks ran";
            System.out.println("DockerfileIT: " + why);
            Assumptions.abort(why);
        }
        String tag = "sandbox-daemon-test:" + UUID.randomUUID().toString().substring(0, 8);
        Cli.Result build = Cli.runCommand(root, Map.of(), List.of("docker", "build", "-q", "-t", tag, "."));
        assertThat(build.exitCode()).as(build.toString()).isZero();
        try {
            Cli.Result noToken = Cli.runCommand(root, Map.of(), List.of("docker", "run", "--rm", tag));
            assertThat(noToken.exitCode()).as("refuses to start without a token: " + noToken).isEqualTo(2);
            Cli.Result run = Cli.runCommand(root, Map.of(), List.of("docker", "run", "-d", "-e", "SANDBOX_TOKEN=t", tag));
            assertThat(run.exitCode()).as(run.toString()).isZero();
            String id = run.stdout().strip();
            try {
                String health = "";
                for (int i = 0; i < 60 && !health.equals("healthy"); i++) {
                    Thread.sleep(1000);
                    health = Cli.runCommand(root, Map.of(), List.of("docker", "inspect", "-f", "{{.State.Health.Status}}", id))
                            .stdout().strip();
                }
                assertThat(health).isEqualTo("healthy");
                assertThat(Cli.runCommand(root, Map.of(), List.of("docker", "exec", id, "id", "-u")).stdout().strip())
                        .isNotEqualTo("0");
            } finally {
                Cli.runCommand(root, Map.of(), List.of("docker", "rm", "-f", id));
            }
        } finally {
            Cli.runCommand(root, Map.of(), List.of("docker", "rmi", "-f", tag));
        }
    }
}
