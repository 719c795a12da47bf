package dev.sandboxagent.core.spi;

import java.util.List;

/** The models an agent offers and the one it uses by default. */
public record AgentModels(List<AgentModel> models, String defaultModel) {
    public AgentModels {
        models = List.copyOf(models);
    }
}
