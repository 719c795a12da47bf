package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.daemon.DaemonVersion;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code sandbox-daemon credentials}: which credential sources each agent would find. Never prints a secret. */
@Command(name = "credentials", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Shows, per agent, which of its credential sources are present in this environment: "
                + "environment variables (e.g. ANTHROPIC_API_KEY) and files under $HOME "
                + "(e.g. ~/.claude/.credentials.json, ~/.codex/auth.json). Only presence is checked; secrets are never printed.",
                "An agent has credentials when any one of its sources is present."},
        subcommands = {ExtractCommand.class, ExtractEnvCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  sandbox-daemon credentials",
                "  sandbox-daemon credentials --json \\",
                "      | jq -r '.agents[] | select(.credentialsAvailable | not) | .agent'",
                "  sandbox-daemon credentials extract            # values redacted",
                "  sandbox-daemon credentials extract-env --export > sandbox.sh  # secrets!"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:A plugin could not be loaded.", ExitCodes.USAGE_LINE})
public final class CredentialsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print JSON: {\"agents\":[{\"agent\",\"credentialsAvailable\",\"sources\":[{\"source\",\"found\"}]}]}.")
    boolean json;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    PluginOptions plugins;

    @Override
    public void run() {
        Agents agents = Agents.load(dataDir.get(), plugins.dirs());
        Map<String, String> env = System.getenv();
        Path home = UserHome.get();
        PrintWriter out = spec.commandLine().getOut();
        JsonArrayBuilder list = Jsons.JSON.createArrayBuilder();
        for (AgentAdapter a : agents.catalog().adapters()) {
            boolean available = a.credentialSources().isEmpty()
                    || a.credentialSources().stream().anyMatch(c -> c.isPresent(env, home));
            JsonArrayBuilder sources = Jsons.JSON.createArrayBuilder();
            if (!json) {
                out.println(a.id() + ": " + (a.credentialSources().isEmpty() ? "needs no credentials"
                        : available ? "credentials found" : "no credentials found"));
            }
            for (CredentialSource c : a.credentialSources()) {
                boolean found = c.isPresent(env, home);
                sources.add(Jsons.JSON.createObjectBuilder().add("source", c.describe()).add("found", found));
                if (!json) {
                    out.printf("  %-8s %s%n", found ? "found" : "missing", c.describe());
                }
            }
            JsonObjectBuilder entry = Jsons.JSON.createObjectBuilder().add("agent", a.id())
                    .add("credentialsAvailable", available).add("sources", sources);
            list.add(entry);
        }
        if (json) {
            out.println(Jsons.JSON.createObjectBuilder().add("agents", list).build());
        }
        out.flush();
    }
}
