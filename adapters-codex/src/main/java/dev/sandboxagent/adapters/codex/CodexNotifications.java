package dev.sandboxagent.adapters.codex;

import java.util.Map;
import java.util.Set;

/** Which app-server notifications (of the 0.169.0 schema) are ignored and which become status lines. */
final class CodexNotifications {

    private CodexNotifications() {
    }

    /** Notifications of the app-server schema that carry nothing for the universal stream. */
    static final Set<String> IGNORED = Set.of(
            "thread/started", "thread/status/changed", "thread/readState/changed", "thread/archived",
            "thread/deleted", "thread/unarchived", "thread/closed", "thread/reverted", "skills/changed",
            "thread/name/updated", "thread/section/changed", "thread/attachment/updated", "thread/goal/updated",
            "thread/prediction/updated", "thread/goal/cleared", "thread/queue/changed", "project/changed",
            "thread/project/updated", "thread/environment/connected", "thread/environment/disconnected",
            "thread/settings/updated", "hook/started", "hook/completed", "turn/diff/updated",
            "item/autoApprovalReview/started", "item/autoApprovalReview/completed",
            "autoApprovalReview/strictReviewRequired", "command/exec/outputDelta", "process/outputDelta",
            "process/exited", "item/commandExecution/terminalInteraction", "item/fileChange/outputDelta",
            "item/fileChange/patchUpdated", "serverRequest/resolved", "item/mcpToolCall/progress",
            "mcpServer/oauthLogin/completed", "mcpServer/startupStatus/updated", "mcpServer/event/stream/notification",
            "account/updated", "account/gatewayOAuth/changed", "account/rateLimits/updated", "app/list/updated",
            "remoteControl/status/changed", "externalAgentConfig/import/progress",
            "externalAgentConfig/import/completed", "fs/changed", "item/reasoning/summaryPartAdded",
            "thread/compacted", "model/verification", "modelProvider/authRecoveryStarted",
            "modelProvider/authRecoveryCompleted", "turn/moderationMetadata", "model/safetyBuffering/updated",
            "fuzzyFileSearch/sessionUpdated", "fuzzyFileSearch/sessionCompleted", "thread/realtime/started",
            "thread/realtime/itemAdded", "thread/realtime/item/started", "thread/realtime/item/transcript/delta",
            "thread/realtime/item/completed", "thread/realtime/transcript/delta", "thread/realtime/transcript/done",
            "thread/realtime/outputAudio/delta", "thread/realtime/sdp", "thread/realtime/error",
            "thread/realtime/closed", "windowsSandbox/setupCompleted", "account/login/completed");

    /** Notifications shown as a status line: {@code method -> member holding the text}. */
    static final Map<String, String> STATUS = Map.of(
            "warning", "message", "configWarning", "summary", "deprecationNotice", "summary",
            "guardianWarning", "message", "model/rerouted", "toModel", "windows/worldWritableWarning", "message");
}
