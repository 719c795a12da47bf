package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.install.InstallException;
import dev.sandboxagent.core.install.InstalledAgent;
import dev.sandboxagent.core.install.NpmInstaller;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.NpmDistribution;
import dev.sandboxagent.daemon.DaemonVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sandbox-daemon install-agent}: installs agent CLIs from npm into the data directory. */
@Command(name = "install-agent", versionProvider = DaemonVersion.class,
        description = {"Installs an agent's CLI from its npm package into the data directory (never globally), "
                + "with the machine's npm. Idempotent: an agent already installed at the wanted version is left as is.",
                "On a terminal a live status line shows npm's progress; otherwise plain lines are printed (logs, CI)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  sandbox-daemon install-agent claude     # the version the adapter pins",
                "  sandbox-daemon install-agent codex --version 0.46.0",
                "  sandbox-daemon install-agent all --reinstall",
                "  sandbox-daemon install-agent opencode --data-dir /opt/sandbox-agent",
                "",
                "Agents go to <data dir>/agents/<agent>/; 'sandbox-daemon api agents list'",
                "(GET /v1/agents) reports them; POST /v1/agents/{agent}/install installs",
                "through the API."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE,
                "1:Unknown agent, or an install failed (npm missing, registry unreachable, unknown version...): one line per cause on stderr.",
                ExitCodes.USAGE_LINE})
public final class InstallAgentCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AGENT",
            description = "The agent to install (claude, codex, opencode, amp, pi, or a plugin's), "
                    + "or 'all' for every agent that has an npm package.")
    String agent;

    @Option(names = "--version", paramLabel = "V",
            description = "npm version, tag or range to install (default: the version the adapter pins).")
    String version;

    @Option(names = {"-r", "--reinstall"}, description = "Install again even when already installed.")
    boolean reinstall;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        Agents agents = Agents.load(dataDir.get(), plugins.dirs());
        PrintWriter out = spec.commandLine().getOut();
        List<AgentAdapter> targets;
        if ("all".equals(agent)) {
            if (version != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--version applies to one agent, not to 'all'");
            }
            targets = agents.catalog().adapters().stream().filter(a -> a.distribution().isPresent()).toList();
            if (targets.isEmpty()) {
                out.println("no agent has an npm package to install");
                return ExitCodes.OK;
            }
        } else {
            try {
                targets = List.of(agents.catalog().adapter(agent));
            } catch (SandboxException e) {
                throw new CliFailure(e.detail());
            }
        }
        int failed = 0;
        for (AgentAdapter a : targets) {
            if (!install(a, agents.installer(), out)) {
                failed++;
            }
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Installs one agent; false (with its cause on stderr) when that failed. */
    private boolean install(AgentAdapter a, NpmInstaller installer, PrintWriter out) {
        Optional<NpmDistribution> dist = a.distribution();
        if (dist.isEmpty()) {
            out.println(a.id() + " is built into sandbox-daemon: nothing to install");
            return true;
        }
        NpmDistribution d = dist.get();
        String wanted = version != null ? version : d.defaultVersion();
        Path dir = installer.agentDir(a.id());
        Path record = dir.resolve("installed.json"); // NpmInstaller's record, rewritten by every npm run
        Optional<InstalledAgent> before = installer.find(a.id(), d.binName())
                .filter(f -> f.source() == InstalledAgent.Source.DATA_DIR);
        boolean upToDate = !reinstall && before.isPresent() && wanted.equals(before.get().version());
        Object stamp = stamp(record);
        InstallProgress progress = InstallProgress.forOutput(out);
        if (!upToDate) {
            progress.started(a.id(), d.npmPackage() + "@" + wanted, dir);
        }
        long start = System.nanoTime();
        InstalledAgent installed;
        try {
            installed = installer.install(a.id(), d.npmPackage(), wanted, d.binName(), reinstall, progress::npmLine);
        } catch (InstallException | IllegalArgumentException e) {
            progress.stopped();
            out.flush();
            String cause = e instanceof InstallException ? e.getMessage() : "cannot install " + a.id() + ": " + e.getMessage();
            spec.commandLine().getErr().println("sandbox-daemon: " + CliFailure.oneLine(cause));
            spec.commandLine().getErr().flush();
            return false;
        } finally {
            progress.stopped(); // idempotent
        }
        String versionText = installed.version() == null ? "(version unknown)" : installed.version();
        if (Objects.equals(stamp, stamp(record))) {
            out.println(a.id() + " " + versionText + " is already installed: " + installed.binary());
        } else {
            out.println(String.format(Locale.ROOT, "installed %s %s in %.1fs: %s", a.id(), versionText,
                    (System.nanoTime() - start) / 1e9, installed.binary()));
        }
        out.flush();
        return true;
    }

    /** Identifies one version of the install record: it is replaced (new file) by every npm run. */
    private static Object stamp(Path record) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(record, BasicFileAttributes.class);
            return List.of(String.valueOf(attrs.fileKey()), attrs.lastModifiedTime(), attrs.size());
        } catch (IOException e) {
            return null;
        }
    }
}
