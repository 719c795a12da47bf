package dev.sandboxagent.core.spi;

import java.util.List;

/** A model an agent can use, with its variants (e.g. reasoning effort) when it has them. */
public record AgentModel(String id, String name, List<String> variants, String defaultVariant) {
}
