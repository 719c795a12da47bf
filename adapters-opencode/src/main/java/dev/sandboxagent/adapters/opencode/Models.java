package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.AgentModel;
import dev.sandboxagent.core.spi.AgentModels;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The models of OpenCode's configured providers ({@code GET /config/providers}), as {@code provider/model}. */
final class Models {

    private Models() {
    }

    static AgentModels list(OpencodeClient client, String directory) throws IOException, InterruptedException {
        JsonObject providers = asObject(client.get("/config/providers", directory));
        List<AgentModel> models = new ArrayList<>();
        for (JsonValue pv : Jsons.array(providers, "providers")) {
            if (!(pv instanceof JsonObject provider)) {
                continue;
            }
            String providerId = Jsons.string(provider, "id");
            for (Map.Entry<String, JsonValue> m : Jsons.object(provider, "models").entrySet()) {
                JsonObject model = m.getValue() instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
                String name = Jsons.string(model, "name");
                List<String> variants = List.copyOf(Jsons.object(model, "variants").keySet());
                models.add(new AgentModel(providerId + "/" + m.getKey(), name != null ? name : m.getKey(),
                        variants.isEmpty() ? null : variants, null));
            }
        }
        return new AgentModels(models, defaultModel(client, directory, providers));
    }

    /** The configured {@code model}, else the first provider's default. */
    private static String defaultModel(OpencodeClient client, String directory, JsonObject providers)
            throws IOException, InterruptedException {
        String configured = Jsons.string(asObject(client.get("/config", directory)), "model");
        if (configured != null) {
            return configured;
        }
        for (Map.Entry<String, JsonValue> d : Jsons.object(providers, "default").entrySet()) {
            return d.getKey() + "/" + Jsons.text(d.getValue());
        }
        return null;
    }

    /** A client's model: {@code provider/model}, or a bare model id looked up among the providers. */
    static ModelRef resolve(String model, OpencodeClient client, String directory)
            throws IOException, InterruptedException {
        if (model == null || model.isBlank()) {
            return null;
        }
        ModelRef ref = ModelRef.parse(model);
        if (ref != null) {
            return ref;
        }
        JsonObject providers = asObject(client.get("/config/providers", directory));
        for (JsonValue pv : Jsons.array(providers, "providers")) {
            if (pv instanceof JsonObject provider && Jsons.object(provider, "models").containsKey(model)) {
                return new ModelRef(Jsons.string(provider, "id"), model);
            }
        }
        throw new IllegalArgumentException("opencode has no model '" + model
                + "'; name it as provider/model (see the agent's models)");
    }

    private static JsonObject asObject(JsonValue v) {
        return v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }
}
