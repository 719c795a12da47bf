package dev.sandboxagent.daemon;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's --help has examples, documented exit codes and fits an 80-column terminal. */
class CommandTreeTest {

    private static List<CommandLine> all(CommandLine root) {
        List<CommandLine> out = new ArrayList<>(List.of(root));
        root.getSubcommands().values().forEach(sub -> out.addAll(all(sub)));
        return out;
    }

    @Test
    void everyCommandHasHelpExamplesAndExitCodes() {
        List<CommandLine> commands = all(SandboxDaemonCommand.newCommandLine());
        assertThat(commands).extracting(c -> c.getCommandSpec().qualifiedName()).contains(
                "sandbox-daemon server", "sandbox-daemon install-agent", "sandbox-daemon credentials extract-env",
                "sandbox-daemon credentials extract",
                "sandbox-daemon daemon start", "sandbox-daemon daemon status", "sandbox-daemon daemon stop",
                "sandbox-daemon api agents models", "sandbox-daemon api sessions reply-question",
                "sandbox-daemon version");
        for (CommandLine c : commands) {
            String name = c.getCommandSpec().qualifiedName();
            String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(usage).as(name).contains("Examples:").contains("Exit codes:").contains("  0   ")
                    .contains("-h, --help");
            assertThat(c.getCommandSpec().usageMessage().footer()).as(name + " examples").isNotEmpty();
            for (String line : c.getCommandSpec().usageMessage().footer()) {
                assertThat(line.length()).as(name + " footer line: " + line).isLessThanOrEqualTo(80);
            }
        }
    }

    @Test
    void theApiCommandsMirrorTheHttpRoutes() {
        CommandLine api = SandboxDaemonCommand.newCommandLine().getSubcommands().get("api");
        assertThat(api.getSubcommands().get("agents").getSubcommands().keySet())
                .containsExactlyInAnyOrder("list", "install", "modes", "models");
        assertThat(api.getSubcommands().get("sessions").getSubcommands().keySet()).containsExactlyInAnyOrder(
                "list", "create", "get", "send-message", "send-message-stream", "events", "events-sse",
                "reply-permission", "reply-question", "reject-question", "interrupt", "terminate", "delete");
    }
}
