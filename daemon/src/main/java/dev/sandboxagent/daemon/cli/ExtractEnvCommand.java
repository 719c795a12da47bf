package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.daemon.DaemonVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sandbox-daemon credentials extract-env}: prints the agents' credential environment
 * variables that are set here, as lines to copy into a sandbox. Printing the secrets is its purpose.
 */
@Command(name = "extract-env", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Prints NAME=value for every credential environment variable of the agents that is set here "
                + "(e.g. ANTHROPIC_API_KEY, OPENAI_API_KEY, AMP_API_KEY), to copy into a sandbox's environment.",
                "@|bold WARNING:|@ this prints secrets on stdout - that is its purpose. Do not run it where output is logged.",
                "Keys and logins inside the agent CLIs' credential files (see 'credentials extract') are printed as the "
                        + "variable that hands them to the agent (e.g. CLAUDE_CODE_OAUTH_TOKEN), unless --no-oauth; "
                        + "credential files that exist are also named on stderr, to be copied as files."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  sandbox-daemon credentials extract-env > sandbox.env  # docker --env-file",
                "  sandbox-daemon credentials extract-env --export > sandbox.sh  # . ./sandbox.sh",
                "  sandbox-daemon credentials extract-env --agent claude --export",
                "  sandbox-daemon credentials extract-env -e -d /home/me --no-oauth"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:Success, also when no variable is set (then nothing is printed on stdout).",
                "1:Unknown agent, or a plugin could not be loaded.", ExitCodes.USAGE_LINE})
public final class ExtractEnvCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-e", "--export"}, description = "Prefix each line with 'export ' and quote values for a POSIX shell.")
    boolean export;

    @Mixin
    CredentialOptions options;

    @Override
    public void run() {
        List<AgentAdapter> selected = options.selectedAgents();
        Map<String, String> lines = new LinkedHashMap<>();
        for (ExtractedCredential c : options.extract(selected)) {
            if (c.envVar() != null) {
                lines.putIfAbsent(c.envVar(), c.value()); // a variable that is set wins over a file
            }
        }
        Set<String> files = new LinkedHashSet<>();
        for (AgentAdapter a : selected) {
            for (CredentialSource c : a.credentialSources()) {
                if (c instanceof CredentialSource.HomeFile && c.isPresent(Map.of(), options.home())) {
                    files.add(c.describe().replaceFirst("^file ", "") + " (" + a.id() + ")");
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        lines.forEach((name, value) -> {
            if (export) {
                out.println("export " + name + "=" + ShellQuote.quote(value));
            } else if (value.contains("\n") || value.contains("\r")) {
                err.println("# " + name + " spans several lines and cannot be an env-file line: use --export");
            } else {
                out.println(name + "=" + value);
            }
        });
        if (lines.isEmpty()) {
            err.println("# no credential environment variable of the agents is set");
        }
        for (String file : files) {
            err.println("# credential file " + file + " exists: copy it to the same place in the sandbox's home");
        }
        out.flush();
        err.flush();
    }
}
