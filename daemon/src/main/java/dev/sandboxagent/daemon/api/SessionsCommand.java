package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;

/** {@code sandbox-daemon api sessions ...}: the /v1/sessions routes. */
@Command(name = "sessions",
        description = "Sessions: create, message, follow events, answer permissions and questions, interrupt, terminate (/v1/sessions).",
        subcommands = {SessionsListCommand.class, SessionCreateCommand.class, SessionGetCommand.class,
                SendMessageCommand.class, SendMessageStreamCommand.class, EventsCommand.class, EventsSseCommand.class,
                ReplyPermissionCommand.class, ReplyQuestionCommand.class, RejectQuestionCommand.class,
                InterruptCommand.class, TerminateCommand.class, SessionDeleteCommand.class},
        footer = {"  sandbox-daemon api sessions create demo --agent claude",
                "  sandbox-daemon api sessions send-message-stream demo -m 'Explain the repo.'",
                "  sandbox-daemon api sessions events-sse demo --offset 0",
                "  sandbox-daemon api sessions reply-permission demo perm_1 --reply once",
                "  sandbox-daemon api sessions terminate demo"})
final class SessionsCommand {
}
