package dev.sandboxagent.daemon.api;

import dev.sandboxagent.core.json.Jsons;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api sessions reply-permission}: POST /v1/sessions/{id}/permissions/{permission_id}/reply. */
@Command(name = "reply-permission", description = {"Answers an agent's permission request "
        + "(POST /v1/sessions/{id}/permissions/{permission_id}/reply); prints nothing on success (204).",
        "The id is the permission_id of the permission.requested event."},
        footer = {"  sandbox-daemon api sessions reply-permission demo perm_1 --reply once",
                "  sandbox-daemon api sessions reply-permission demo perm_2 --reply always",
                "  sandbox-daemon api sessions reply-permission demo perm_3 --reply reject"})
final class ReplyPermissionCommand implements Runnable {

    /** The contract's PermissionReply values. */
    enum Reply { once, always, reject }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Parameters(index = "1", paramLabel = "PERMISSION_ID", description = "The permission request.")
    String permissionId;

    @Option(names = {"-r", "--reply"}, required = true, paramLabel = "REPLY", description = "once, always or reject.")
    Reply reply;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().post("/v1/sessions/" + ApiClient.segment(sessionId) + "/permissions/"
                + ApiClient.segment(permissionId) + "/reply", Jsons.JSON.createObjectBuilder().add("reply", reply.name()).build()));
    }
}
