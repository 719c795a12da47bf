package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.adapters.acp.fake.Scenario;
import dev.sandboxagent.core.conformance.AgentConformanceKit;

/** The kit's scenarios as prompts for the fake model APIs of this module. */
final class ConformancePrompts {

    private ConformancePrompts() {
    }

    static String prompt(AgentConformanceKit.Scenario scenario) {
        return switch (scenario) {
            case TEXT -> Scenario.TEXT.prompt();
            case TOOL -> Scenario.TOOL.prompt();
            case PERMISSION -> Scenario.PERMISSION.prompt();
            case HANG -> Scenario.HANG.prompt();
            case MODEL_ERROR -> Scenario.ERROR500.prompt();
            case QUESTION -> throw new IllegalArgumentException("ACP agents ask no questions");
        };
    }
}
