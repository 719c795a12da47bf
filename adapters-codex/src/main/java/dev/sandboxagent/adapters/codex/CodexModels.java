package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcHandler;
import dev.sandboxagent.core.jsonrpc.JsonRpcPeer;
import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.spi.AgentModel;
import dev.sandboxagent.core.spi.AgentModels;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static dev.sandboxagent.core.json.Jsons.array;
import static dev.sandboxagent.core.json.Jsons.object;
import static dev.sandboxagent.core.json.Jsons.string;

/**
 * The models the installed codex offers, asked from a short-lived app-server ({@code model/list},
 * which answers from codex's bundled catalog without network), cached per binary. Without a
 * binary, or when asking fails, the catalog of the pinned version is returned.
 */
final class CodexModels {

    private static final System.Logger LOG = System.getLogger(CodexModels.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> EFFORTS = List.of("low", "medium", "high", "xhigh");
    /** What codex 0.169.0 lists (agents/codex transcripts, {@code model/list}). */
    static final AgentModels PINNED = new AgentModels(List.of(
            new AgentModel("gpt-6.1-sol", "GPT-6.1-Sol", List.of("low", "medium", "high", "xhigh", "max", "ultra"), "low"),
            new AgentModel("gpt-6-astra", "GPT-6-Astra", List.of("low", "medium", "high", "xhigh", "max", "ultra"), "low"),
            new AgentModel("gpt-6-sol", "GPT-6-Sol", List.of("low", "medium", "high", "xhigh", "max", "ultra"), "medium"),
            new AgentModel("gpt-6-luna", "GPT-6-Luna", List.of("low", "medium", "high", "xhigh", "max"), "medium"),
            new AgentModel("gpt-5.6-sol", "GPT-5.6-Sol", List.of("low", "medium", "high", "xhigh", "max", "ultra"), "low"),
            new AgentModel("gpt-6.1-terra", "GPT-6.1 Terra", List.of("low", "medium", "high", "xhigh", "max", "ultra"), "low"),
            new AgentModel("gpt-5.6-terra", "GPT-5.6-Terra", List.of("low", "medium", "high", "xhigh", "max", "ultra"), "medium"),
            new AgentModel("gpt-5.6-luna", "GPT-5.6-Luna", List.of("low", "medium", "high", "xhigh", "max"), "medium"),
            new AgentModel("gpt-5.5", "GPT-5.5", EFFORTS, "medium")), "gpt-6.1-sol");

    private final Map<Path, AgentModels> cache = new ConcurrentHashMap<>();

    AgentModels models(Path binary) {
        if (binary == null) {
            return PINNED;
        }
        return cache.computeIfAbsent(binary, b -> {
            try {
                return ask(b);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "asking " + b + " for its models failed; using the pinned list", e);
                return PINNED;
            }
        });
    }

    private static AgentModels ask(Path binary) throws Exception {
        Path cwd = Path.of(System.getProperty("java.io.tmpdir"));
        AgentProcess[] holder = new AgentProcess[1];
        JsonRpcPeer peer = new JsonRpcPeer(line -> holder[0].writeLine(line), new JsonRpcHandler() {
            @Override
            public void onRequest(JsonValue id, String method, JsonValue params, JsonObject raw) {
            }

            @Override
            public void onNotification(String method, JsonValue params, JsonObject raw) {
            }

            @Override
            public void onUnparsed(String line, String error) {
            }
        });
        holder[0] = AgentProcess.start(LaunchSpec.of(cwd, binary.toString(), "app-server"), peer::onLine, (c, s) -> { });
        try {
            peer.request("initialize", Jsons.JSON.createObjectBuilder()
                    .add("clientInfo", Jsons.JSON.createObjectBuilder().add("name", "sandbox_agent")
                            .add("title", "sandbox-agent").add("version", "0.1.0")).build(), TIMEOUT)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            JsonObject result = object(peer.request("model/list", JsonValue.EMPTY_JSON_OBJECT, TIMEOUT)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            return parse(result);
        } finally {
            holder[0].terminate(Duration.ofSeconds(2));
        }
    }

    /** A {@code model/list} result as models; hidden models are left out. */
    static AgentModels parse(JsonObject result) {
        List<AgentModel> models = new ArrayList<>();
        String fallbackDefault = null;
        String defaultModel = null;
        for (JsonValue v : array(result, "data")) {
            JsonObject m = object(v);
            String id = string(m, "id");
            if (id == null || Jsons.bool(m, "hidden")) {
                continue;
            }
            List<String> efforts = array(m, "supportedReasoningEfforts").stream()
                    .map(e -> string(object(e), "reasoningEffort")).filter(e -> e != null).toList();
            String name = string(m, "displayName");
            models.add(new AgentModel(id, name == null ? id : name, efforts, string(m, "defaultReasoningEffort")));
            fallbackDefault = fallbackDefault == null ? id : fallbackDefault;
            if (Jsons.bool(m, "isDefault")) {
                defaultModel = id;
            }
        }
        if (models.isEmpty()) {
            return PINNED;
        }
        return new AgentModels(models, defaultModel != null ? defaultModel : fallbackDefault);
    }
}
