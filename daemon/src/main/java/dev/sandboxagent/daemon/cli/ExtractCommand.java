package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.daemon.DaemonVersion;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code sandbox-daemon credentials extract}: the agents' credentials on this machine, values redacted unless {@code --reveal}. */
@Command(name = "extract", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Prints, as JSON, the agents' credentials found on this machine: their environment variables "
                + "that are set, and the keys and logins inside the agent CLIs' credential files under the home "
                + "directory (~/.claude/.credentials.json, ~/.codex/auth.json, ~/.local/share/opencode/auth.json).",
                "Values are redacted unless --reveal. {\"credentials\":[{\"agents\",\"provider\",\"kind\","
                        + "\"source\",\"envVar\",\"value\"}]}; kind is api_key or oauth."},
        footerHeading = "%nExamples:%n",
        footer = {"  sandbox-daemon credentials extract",
                "  sandbox-daemon credentials extract -a claude --no-oauth",
                "  sandbox-daemon credentials extract -p openai -d /home/me --reveal  # secrets!"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:Success, also when nothing was found (an empty list).",
                "1:Unknown agent, or a plugin could not be loaded.", ExitCodes.USAGE_LINE})
public final class ExtractCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-r", "--reveal"}, description = "Print the secrets themselves.")
    boolean reveal;

    @Mixin
    CredentialOptions options;

    @Override
    public void run() {
        JsonArrayBuilder list = Jsons.JSON.createArrayBuilder();
        for (ExtractedCredential c : options.extract(options.selectedAgents())) {
            JsonObjectBuilder entry = Jsons.JSON.createObjectBuilder()
                    .add("agents", Jsons.JSON.createArrayBuilder(c.agents()))
                    .add("provider", c.provider()).add("kind", c.kind()).add("source", c.source());
            if (c.envVar() != null) {
                entry.add("envVar", c.envVar());
            } else {
                entry.addNull("envVar");
            }
            list.add(entry.add("value", reveal ? c.value() : c.redacted()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Jsons.JSON.createObjectBuilder().add("credentials", list).build());
        out.flush();
    }
}
