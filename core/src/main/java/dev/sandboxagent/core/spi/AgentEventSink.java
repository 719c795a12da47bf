package dev.sandboxagent.core.spi;

import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.StderrOutput;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * Where an adapter reports what its agent does, already translated to the universal schema.
 * Core provides it (the normaliser): adapters never number, time-stamp or store events, and
 * may leave out lifecycle events they do not have (they are synthesised). Items are reported as
 * {@link AgentItem}s and identified by their native id; the universal item clients see, with its
 * item id and parent link, is made by core. {@code raw} is
 * the agent's own message, kept for clients that ask for it; it may be null.
 */
public interface AgentEventSink {

    /** The agent opened its session; {@code nativeSessionId} is its own id for it. */
    void sessionStarted(String nativeSessionId, JsonValue metadata, JsonValue raw);

    /** An item began (e.g. the agent started writing a message). */
    void itemStarted(AgentItem item, JsonValue raw);

    /** Text appended to the item with this native id. */
    void itemDelta(String nativeItemId, String delta, JsonValue raw);

    /** An item is final (content complete). For agents that do not stream, the only call. */
    void itemCompleted(AgentItem item, JsonValue raw);

    /** The agent asks permission for {@code action}; the id is the adapter's and must be unique in the session. */
    void permissionRequested(String permissionId, String action, JsonValue metadata, JsonValue raw);

    /** The agent asks the human a question. */
    void questionRequested(String questionId, String prompt, List<String> options, JsonValue raw);

    /**
     * The agent asks several questions at once, each with its own options; the answer is one list
     * per question, in order. Core's sink keeps them apart ({@code questions} of the question
     * event); this default, for other sinks, folds them into one prompt with the first's options.
     */
    default void questionsRequested(String questionId, List<QuestionEventData.SubQuestion> questions, JsonValue raw) {
        QuestionEventData q = QuestionEventData.requested(questionId, questions);
        questionRequested(questionId, q.prompt(), q.options(), raw);
    }

    /**
     * The agent withdrew its own permission request or question {@code requestId} (e.g. claude's
     * {@code control_cancel_request}): core resolves it at once, as rejected with
     * {@code withdrawn} details, and later answers to it are refused (409). Unknown or already
     * resolved ids are ignored. {@code reason} may be null.
     */
    void requestWithdrawn(String requestId, String reason, JsonValue raw);

    /** Something went wrong that the client should see; the session goes on. */
    void error(String message, String code, JsonValue details, JsonValue raw);

    /** Output of the agent that could not be translated; {@code rawText} is kept verbatim. */
    void unparsed(String error, String location, String rawText);

    /**
     * The current turn is over (normally or interrupted). {@code usage} is what the turn cost as the
     * agent reported it ({@link TurnUsage#NONE} when it did not); metadata may carry the stop reason.
     */
    void turnEnded(TurnUsage usage, JsonValue metadata, JsonValue raw);

    /** A turn end without a usage report. */
    default void turnEnded(JsonValue metadata, JsonValue raw) {
        turnEnded(TurnUsage.NONE, metadata, raw);
    }

    /**
     * Ends turn {@code turnId} (a {@link UserMessage#turnId()}) if it is still the open one, else
     * does nothing: for ends an adapter decides itself, later (a timer, the exit of a turn's
     * process), that must not end a turn that began since. Core checks and ends in one step.
     */
    default void turnEnded(String turnId, TurnUsage usage, JsonValue metadata, JsonValue raw) {
        if (turnId != null && turnId.equals(openTurn())) {
            turnEnded(usage, metadata, raw);
        }
    }

    // ---- core's record of the turn, read by adapters instead of keeping their own ------------

    /**
     * The id of the open turn (the {@link UserMessage#turnId()} it began with), or null between
     * turns. Core opens a turn before {@link AgentSession#sendMessage} and closes it exactly once:
     * on the first {@code turnEnded}, a failed send, an abandoned interrupt or the session's end.
     * Adapters keep no turn flags or counters of their own; they report what the agent said.
     */
    default String openTurn() {
        return null;
    }

    /**
     * Whether an interrupt was asked for the open turn (by a client, or by the turn watchdog),
     * before {@link AgentSession#interrupt()} is called. Adapters read it to tell an interrupted
     * turn's end from a failed one, instead of remembering the interrupt themselves.
     */
    default boolean interruptRequested() {
        return false;
    }

    /** The agent's process ended without being asked to: the session is over. */
    void agentExited(Integer exitCode, String message, StderrOutput stderr);
}
