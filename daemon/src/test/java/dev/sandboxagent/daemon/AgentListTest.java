package dev.sandboxagent.daemon;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.AgentAdapter;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The daemon ships every built-in adapter, and its OpenAPI document names each of them. */
class AgentListTest {

    private static List<String> agents() {
        return AgentCatalog.discover(AgentListTest.class.getClassLoader()).stream().map(AgentAdapter::id).toList();
    }

    @Test
    void theDaemonFindsEveryBuiltInAdapter() {
        assertThat(agents()).contains("claude", "codex", "opencode", "amp", "pi");
    }

    @Test
    void theOpenApiDocumentNamesEveryAgent() throws Exception {
        JsonObject doc;
        try (InputStream in = AgentListTest.class.getResourceAsStream("/dev/sandboxagent/http/openapi.json")) {
            assertThat(in).as("openapi.json on the daemon's class path").isNotNull();
            doc = Jsons.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String agentParameter = doc.getJsonObject("components").getJsonObject("parameters").getJsonObject("Agent")
                .getString("description");
        for (String agent : agents()) {
            assertThat(agentParameter).as("the Agent parameter's list").contains("`" + agent + "`");
        }
        assertThat(agentParameter).contains("`mock`");
    }
}
