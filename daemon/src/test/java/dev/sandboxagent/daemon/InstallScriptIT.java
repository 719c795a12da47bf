package dev.sandboxagent.daemon;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code install.sh}, run by {@code dash} (a strict POSIX shell), installing the distribution
 * from a local HTTP server on loopback (with curl, and with only wget), from a local file, again
 * (nothing changes), and refusing a tarball whose checksum does not match.
 */
class InstallScriptIT {

    @TempDir
    Path work;

    private HttpServer server;
    private Path served;

    @BeforeEach
    void serve() throws Exception {
        Path tarball = DistributionIT.tarball();
        served = Files.createDirectories(work.resolve("served"));
        Files.copy(tarball, served.resolve(tarball.getFileName()));
        Files.copy(tarball.resolveSibling(tarball.getFileName() + ".sha256"), served.resolve(tarball.getFileName() + ".sha256"));
        Files.createDirectories(served.resolve("bad"));
        Files.copy(tarball, served.resolve("bad").resolve(tarball.getFileName()));
        Files.writeString(served.resolve("bad").resolve(tarball.getFileName() + ".sha256"),
                "0".repeat(64) + "  " + tarball.getFileName() + "\n");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = served.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(served) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, Files.size(file));
                try (var out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    private String tarballName() {
        return DistributionIT.tarball().getFileName().toString();
    }

    private Cli.Result install(String path, String source, String prefix) throws Exception {
        Path script = DaemonProcess.root().resolve("install.sh");
        return Cli.runCommand(work, Map.of("PATH", path, "HOME", work.resolve("home").toString()),
                List.of("dash", script.toString(), "--prefix", work.resolve(prefix).toString(),
                        "--bin-dir", work.resolve(prefix + "-bin").toString(), source));
    }

    private List<String> versions(String prefix) throws Exception {
        Path dir = work.resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void installsFromAUrlWithCurlLinksBothNamesAndIsIdempotent() throws Exception {
        Cli.Result first = install("/usr/bin:/bin", url(tarballName()), "opt");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(versions("opt")).singleElement().asString().startsWith("sandbox-daemon-");
        Path bin = work.resolve("opt-bin");
        for (String name : List.of("sandbox-daemon", "sandbox-agent")) {
            assertThat(Files.isSymbolicLink(bin.resolve(name))).as(name).isTrue();
            Cli.Result version = Cli.runCommand(work, Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", ""),
                    List.of(bin.resolve(name).toString(), "version"));
            assertThat(version.exitCode()).as(version.toString()).isZero();
            assertThat(version.stdout()).contains("sandbox-daemon");
        }
        Cli.Result again = install("/usr/bin:/bin", url(tarballName()), "opt");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stderr()).contains("is already installed");
        assertThat(versions("opt")).hasSize(1);
    }

    @Test
    void usesWgetWhenThereIsNoCurl() throws Exception {
        Path tools = Files.createDirectories(work.resolve("tools"));
        for (String tool : List.of("wget", "id", "mktemp", "rm", "cut", "tr", "sha256sum", "tar", "gzip", "mkdir", "cat",
                "cp", "mv", "ln", "sed")) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new AssertionError(tool + " is not installed (apt-get install " + tool + ")"));
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        Cli.Result r = install(tools.toString(), url(tarballName()), "w");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.isSymbolicLink(work.resolve("w-bin/sandbox-daemon"))).isTrue();
    }

    @Test
    void installsFromALocalFile() throws Exception {
        Cli.Result r = install("/usr/bin:/bin", served.resolve(tarballName()).toString(), "local");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(versions("local")).hasSize(1);
    }

    @Test
    void refusesABadChecksumAndInstallsNothing() throws Exception {
        Cli.Result bad = install("/usr/bin:/bin", url("bad/" + tarballName()), "bad");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
        assertThat(bad.stderr()).contains("checksum mismatch for " + tarballName()).contains("nothing was installed");
        assertThat(versions("bad")).isEmpty();
        assertThat(work.resolve("bad-bin/sandbox-daemon")).doesNotExist();

        Cli.Result missing = install("/usr/bin:/bin", url("nope/" + tarballName()), "bad");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("cannot download");
        assertThat(versions("bad")).isEmpty();
    }
}
