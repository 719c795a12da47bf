package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.spi.AgentAdapter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code credentials extract} and {@code extract-env} look at: which agents, providers, home, OAuth or not. */
public final class CredentialOptions {

    @Option(names = {"-a", "--agent"}, paramLabel = "AGENT", description = "Only this agent's credentials; repeatable.")
    List<String> agents = new ArrayList<>();

    @Option(names = {"-p", "--provider"}, paramLabel = "PROVIDER",
            description = "Only this provider's credentials (anthropic, openai, amp, ...); repeatable.")
    List<String> providers = new ArrayList<>();

    @Option(names = {"-d", "--home-dir"}, paramLabel = "DIR",
            description = "The home directory whose credential files are read (default: $HOME).")
    Path homeDir;

    @Option(names = "--no-oauth", description = "Leave out OAuth logins (keep API keys only).")
    boolean noOauth;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    PluginOptions plugins;

    Path home() {
        return homeDir != null ? homeDir.toAbsolutePath() : UserHome.get();
    }

    /** The selected agents (all when no {@code --agent}); an unknown one is a failure naming the known ones. */
    List<AgentAdapter> selectedAgents() {
        Agents all = Agents.load(dataDir.get(), plugins.dirs());
        if (agents.isEmpty()) {
            return List.copyOf(all.catalog().adapters());
        }
        List<AgentAdapter> out = new ArrayList<>();
        for (String id : agents) {
            try {
                out.add(all.catalog().adapter(id));
            } catch (SandboxException e) {
                throw new CliFailure(e.detail());
            }
        }
        return out;
    }

    /** The credentials found for the selection. */
    List<ExtractedCredential> extract(List<AgentAdapter> selected) {
        return new CredentialExtractor(selected, System.getenv(), home()).extract().stream()
                .filter(c -> providers.isEmpty() || providers.contains(c.provider()))
                .filter(c -> !(noOauth && c.oauth()))
                .toList();
    }
}
