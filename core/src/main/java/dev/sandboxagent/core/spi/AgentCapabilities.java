package dev.sandboxagent.core.spi;

/**
 * What an adapter really emits and supports; reported to clients in the agent list, so each
 * flag must be true only when the adapter delivers it. Made with {@link #builder()}, naming
 * only what the adapter supports:
 * <pre>{@code AgentCapabilities.builder().textMessages().toolCalls().toolResults().build()}</pre>
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

    /** Nothing supported yet; each method of the builder adds one capability. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the capabilities an adapter has; every flag not named stays false. */
    public static final class Builder {
        private boolean planMode;
        private boolean permissions;
        private boolean questions;
        private boolean toolCalls;
        private boolean toolResults;
        private boolean textMessages;
        private boolean images;
        private boolean fileAttachments;
        private boolean sessionLifecycle;
        private boolean errorEvents;
        private boolean reasoning;
        private boolean status;
        private boolean commandExecution;
        private boolean fileChanges;
        private boolean mcpTools;
        private boolean streamingDeltas;
        private boolean itemStarted;
        private boolean sharedProcess;

        private Builder() {
        }

        /** An agent mode or permission mode that plans before it acts. */
        public Builder planMode() {
            planMode = true;
            return this;
        }

        /** permission.requested / resolved. */
        public Builder permissions() {
            permissions = true;
            return this;
        }

        /** question.requested / resolved. */
        public Builder questions() {
            questions = true;
            return this;
        }

        public Builder toolCalls() {
            toolCalls = true;
            return this;
        }

        public Builder toolResults() {
            toolResults = true;
            return this;
        }

        public Builder textMessages() {
            textMessages = true;
            return this;
        }

        /** Image attachments reach the model. */
        public Builder images() {
            images = true;
            return this;
        }

        /** File attachments reach the agent. */
        public Builder fileAttachments() {
            fileAttachments = true;
            return this;
        }

        /** The adapter reports session.started itself (else core synthesises it at create). */
        public Builder sessionLifecycle() {
            sessionLifecycle = true;
            return this;
        }

        public Builder errorEvents() {
            errorEvents = true;
            return this;
        }

        public Builder reasoning() {
            reasoning = true;
            return this;
        }

        public Builder status() {
            status = true;
            return this;
        }

        /** Command executions as items of their own (not ordinary tool calls). */
        public Builder commandExecution() {
            commandExecution = true;
            return this;
        }

        /** File changes as items of their own (not ordinary tool calls). */
        public Builder fileChanges() {
            fileChanges = true;
            return this;
        }

        /** MCP tool calls as items of their own. */
        public Builder mcpTools() {
            mcpTools = true;
            return this;
        }

        /** Text arrives in deltas. */
        public Builder streamingDeltas() {
            streamingDeltas = true;
            return this;
        }

        /** The adapter reports item starts itself. */
        public Builder itemStarted() {
            itemStarted = true;
            return this;
        }

        /** One agent process serves every session. */
        public Builder sharedProcess() {
            sharedProcess = true;
            return this;
        }

        public AgentCapabilities build() {
            return new AgentCapabilities(planMode, permissions, questions, toolCalls, toolResults, textMessages, images,
                    fileAttachments, sessionLifecycle, errorEvents, reasoning, status, commandExecution, fileChanges,
                    mcpTools, streamingDeltas, itemStarted, sharedProcess);
        }
    }
}
