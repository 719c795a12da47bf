package dev.sandboxagent.adapters.opencode;

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
        for (JsonValue pv : Js.arr(providers, "providers")) {
            if (!(pv instanceof JsonObject provider)) {
                continue;
            }
            String providerId = Js.str(provider, "id");
            for (Map.Entry<String, JsonValue> m : Js.obj(provider, "models").entrySet()) {
                JsonObject model = m.getValue() instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
                String name = Js.str(model, "name");
                List<String> variants = List.copyOf(Js.obj(model, "variants").keySet());
                models.add(new AgentModel(providerId + "/" + m.getKey(), name != null ? name : m.getKey(),
                        variants.isEmpty() ? null : variants, null));
            }
        }
        return new AgentModels(models, defaultModel(client, directory, providers));
    }

    /** The configured {@code model}, else the first provider's default. */
    private static String defaultModel(OpencodeClient client, String directory, JsonObject providers)
            throws IOException, InterruptedException {
        String configured = Js.str(asObject(client.get("/config", directory)), "model");
        if (configured != null) {
            return configured;
        }
        for (Map.Entry<String, JsonValue> d : Js.obj(providers, "default").entrySet()) {
            return d.getKey() + "/" + Js.text(d.getValue());
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
        for (JsonValue pv : Js.arr(providers, "providers")) {
            if (pv instanceof JsonObject provider && Js.obj(provider, "models").containsKey(model)) {
                return new ModelRef(Js.str(provider, "id"), model);
            }
        }
        throw new IllegalArgumentException("opencode has no model '" + model
                + "'; name it as provider/model (see the agent's models)");
    }

    private static JsonObject asObject(JsonValue v) {
        return v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }
}
