package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;

/** An OpenCode model: provider and model id, written {@code provider/model} by clients. */
record ModelRef(String providerId, String modelId) {

    /** {@code provider/model} (the model id itself may contain slashes); null when there is no slash. */
    static ModelRef parse(String model) {
        int slash = model == null ? -1 : model.indexOf('/');
        if (slash <= 0 || slash == model.length() - 1) {
            return null;
        }
        return new ModelRef(model.substring(0, slash), model.substring(slash + 1));
    }

    JsonObject toJson() {
        return Jsons.JSON.createObjectBuilder().add("providerID", providerId).add("modelID", modelId).build();
    }

    @Override
    public String toString() {
        return providerId + "/" + modelId;
    }
}
