package dev.sandboxagent.core.spi;

/**
 * What an adapter really emits and supports; reported to clients in the agent list, so each
 * flag must be true only when the adapter delivers it.
 */
public record AgentCapabilities(
        boolean planMode,
        boolean permissions,
        boolean questions,
        boolean toolCalls,
        boolean toolResults,
        boolean textMessages,
        boolean images,
        boolean fileAttachments,
        boolean sessionLifecycle,
        boolean errorEvents,
        boolean reasoning,
        boolean status,
        boolean commandExecution,
        boolean fileChanges,
        boolean mcpTools,
        boolean streamingDeltas,
        boolean itemStarted,
        boolean sharedProcess) {
}
