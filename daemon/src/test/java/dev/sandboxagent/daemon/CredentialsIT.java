package dev.sandboxagent.daemon;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sandbox-daemon credentials} and {@code credentials extract-env} as real processes,
 * with the test plugin agents' credential sources (TINY_API_KEY, ~/.tiny/credentials.json,
 * TINY_NPM_TOKEN) and a throwaway $HOME.
 */
class CredentialsIT {

    private static final String SECRET = "it's a s3cret $HOME value";

    @TempDir
    Path work;

    private Map<String, String> env(Path home) {
        return Map.of("HOME", home.toString(), "TINY_API_KEY", SECRET);
    }

    private String[] args(String... head) {
        String[] all = new String[head.length + 4];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = "--data-dir";
        all[head.length + 1] = work.resolve("data").toString();
        all[head.length + 2] = "--plugin-dir";
        all[head.length + 3] = TestPlugins.folderWith("tiny").toString();
        return all;
    }

    private Path homeWithCredentialFile() throws Exception {
        Path home = work.resolve("home");
        Files.createDirectories(home.resolve(".tiny"));
        Files.writeString(home.resolve(".tiny/credentials.json"), "{\"token\":\"file-secret\"}");
        return home;
    }

    @Test
    void showsWhichSourcesWereFoundButNeverTheSecret() throws Exception {
        Cli.Result r = Cli.run(work, env(homeWithCredentialFile()), args("credentials"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("""
                mock: needs no credentials
                """).contains("""
                tiny: credentials found
                  found    env TINY_API_KEY
                  found    file ~/.tiny/credentials.json
                tiny-npm: no credentials found
                  missing  env TINY_NPM_TOKEN
                """).doesNotContain("s3cret").doesNotContain("file-secret");

        Cli.Result json = Cli.run(work, Map.of("HOME", work.resolve("empty-home").toString()), args("credentials", "--json"));
        assertThat(json.exitCode()).as(json.toString()).isZero();
        List<JsonObject> agents = Json.createReader(new StringReader(json.stdout())).readObject()
                .getJsonArray("agents").getValuesAs(JsonValue::asJsonObject);
        JsonObject tiny = agents.stream().filter(a -> a.getString("agent").equals("tiny")).findFirst().orElseThrow();
        assertThat(tiny.getBoolean("credentialsAvailable")).isFalse();
        assertThat(tiny.getJsonArray("sources").getValuesAs(JsonValue::asJsonObject))
                .extracting(s -> s.getString("source") + "=" + s.getBoolean("found"))
                .containsExactly("env TINY_API_KEY=false", "file ~/.tiny/credentials.json=false");
    }

    @Test
    void pluginsInTheDataDirectoryCountToo() throws Exception {
        Path data = work.resolve("data");
        Files.createDirectories(data.resolve("plugins"));
        Files.copy(TestPlugins.jar("tiny"), data.resolve("plugins/tiny.jar"));
        Cli.Result r = Cli.run(work, Map.of(), "credentials", "--data-dir", data.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("tiny: no credentials found").contains("tiny-npm: no credentials found");
    }

    @Test
    void extractEnvPrintsTheVariablesThatAreSet() throws Exception {
        Path home = homeWithCredentialFile();
        Cli.Result plain = Cli.run(work, env(home), args("credentials", "extract-env", "--agent", "tiny"));
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdoutLines()).containsExactly("TINY_API_KEY=" + SECRET);
        assertThat(plain.stderr()).contains("# credential file ~/.tiny/credentials.json (tiny) exists");

        Cli.Result exported = Cli.run(work, env(home), args("credentials", "extract-env", "--export"));
        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        assertThat(exported.stdoutLines()).contains("export TINY_API_KEY='it'\\''s a s3cret $HOME value'");
        // The lines are what a shell needs: sourcing them gives back the exact value.
        Path script = work.resolve("sandbox.sh");
        Files.writeString(script, exported.stdout());
        Process sh = new ProcessBuilder("sh", "-c", ". \"$0\"; printf %s \"$TINY_API_KEY\"", script.toString())
                .redirectErrorStream(true).start();
        assertThat(new String(sh.getInputStream().readAllBytes())).isEqualTo(SECRET);
        assertThat(sh.waitFor()).isZero();
    }

    @Test
    void extractEnvWithNothingSetPrintsNothing() throws Exception {
        Cli.Result r = Cli.run(work, Map.of("HOME", work.resolve("empty-home").toString()),
                args("credentials", "extract-env", "--agent", "tiny", "--agent", "tiny-npm"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("# no credential environment variable of the agents is set");

        Cli.Result unknown = Cli.run(work, Map.of(), args("credentials", "extract-env", "--agent", "nope"));
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderrLines()).singleElement().asString().startsWith("sandbox-daemon: unknown agent 'nope'");
    }
}
