package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.process.LaunchSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerLaunchTest {

    @Test
    void theUsersEnvironmentAndConfigPassUnchangedPlusPasswordAndPwd() {
        String userConfig = "{\"provider\":{\"mine\":{}},\"permission\":{\"bash\":\"deny\"}}";
        Map<String, String> env = Map.of("OPENCODE_CONFIG_CONTENT", userConfig, "ANTHROPIC_API_KEY", "k",
                "OPENCODE_DISABLE_AUTOUPDATE", "0", "PATH", "/usr/bin");
        LaunchSpec spec = ServerLaunch.spec(Path.of("/opt/opencode"), 4242, "secret", env, Path.of("/work/dir"));
        assertThat(spec.command()).containsExactly("/opt/opencode", "serve", "--hostname", "127.0.0.1", "--port", "4242");
        assertThat(spec.directory()).isEqualTo(Path.of("/work/dir"));
        assertThat(spec.environment()).containsEntry("OPENCODE_CONFIG_CONTENT", userConfig)
                .containsEntry("ANTHROPIC_API_KEY", "k")
                .containsEntry("OPENCODE_DISABLE_AUTOUPDATE", "0") // the user's choice wins
                .containsEntry("PWD", "/work/dir")
                .containsEntry("OPENCODE_SERVER_PASSWORD", "secret")
                .containsEntry("OPENCODE_SERVER_USERNAME", "opencode");
        // what the JVM has but the engine did not pass on is not inherited
        System.getenv().keySet().stream().filter(k -> !env.containsKey(k) && !k.equals("PWD"))
                .forEach(k -> assertThat(spec.removedEnvironment()).contains(k));
    }

    @Test
    void autoupdateIsOffUnlessTheUserSaysOtherwise() {
        LaunchSpec spec = ServerLaunch.spec(Path.of("/opt/opencode"), 1, "p", Map.of(), Path.of("/w"));
        assertThat(spec.environment()).containsEntry("OPENCODE_DISABLE_AUTOUPDATE", "1");
    }

    @Test
    void permissionModesBecomeSessionRules() {
        assertThat(Jsons.print(PermissionRules.forMode("default")))
                .isEqualTo("[{\"permission\":\"edit\",\"pattern\":\"*\",\"action\":\"ask\"},"
                        + "{\"permission\":\"bash\",\"pattern\":\"*\",\"action\":\"ask\"}]");
        assertThat(Jsons.print(PermissionRules.forMode("acceptEdits"))).contains("\"edit\",\"pattern\":\"*\",\"action\":\"allow\"")
                .contains("\"bash\",\"pattern\":\"*\",\"action\":\"ask\"");
        assertThat(Jsons.print(PermissionRules.forMode("bypass")))
                .isEqualTo("[{\"permission\":\"*\",\"pattern\":\"*\",\"action\":\"allow\"}]");
        assertThat(Jsons.print(PermissionRules.forMode("plan"))).contains("\"edit\",\"pattern\":\"*\",\"action\":\"deny\"");
    }

    @Test
    void modelsAreProviderSlashModel() {
        assertThat(ModelRef.parse("fake2/other-model")).isEqualTo(new ModelRef("fake2", "other-model"));
        assertThat(ModelRef.parse("openrouter/meta/llama")).isEqualTo(new ModelRef("openrouter", "meta/llama"));
        assertThat(ModelRef.parse("bare")).isNull();
    }
}
