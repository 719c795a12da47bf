package dev.sandboxagent.daemon;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's global options, written before the sub-command, reach the command that takes them. */
class SeedGlobalOptionsTest {

    private static List<String> hoisted(String... args) {
        CommandLine cli = SandboxDaemonCommand.newCommandLine();
        String[] out = SeedGlobalOptions.hoist(cli, args);
        if (out != args) {
            cli.parseArgs(out); // picocli takes what came out
        }
        return List.of(out);
    }

    @Test
    void tokenOptionsBeforeServerOrDaemonStartMoveBehindIt() {
        assertThat(hoisted("-n", "server", "-p", "2491")).containsExactly("server", "-n", "-p", "2491");
        assertThat(hoisted("-t", "T", "server", "-H", "127.0.0.1")).containsExactly("server", "-t", "T", "-H", "127.0.0.1");
        assertThat(hoisted("--token=T", "daemon", "start", "-p", "1")).containsExactly("daemon", "start", "--token=T", "-p", "1");
        assertThat(hoisted("--no-token", "daemon", "start")).containsExactly("daemon", "start", "--no-token");
    }

    @Test
    void endpointAndTokenBetweenApiAndTheLeafMoveToTheLeaf() {
        assertThat(hoisted("api", "-e", "http://h:1", "-t", "T", "sessions", "create", "s1", "-a", "mock"))
                .containsExactly("api", "sessions", "create", "-e", "http://h:1", "-t", "T", "s1", "-a", "mock");
        assertThat(hoisted("api", "sessions", "--endpoint", "http://h:1", "list"))
                .containsExactly("api", "sessions", "list", "--endpoint", "http://h:1");
        assertThat(hoisted("-t", "T", "api", "agents", "list")).containsExactly("api", "agents", "list", "-t", "T");
    }

    @Test
    void aGlobalTheLeafDoesNotTakeIsIgnoredAsTheSeedWould() {
        assertThat(hoisted("-n", "api", "sessions", "list")).containsExactly("api", "sessions", "list");
    }

    @Test
    void everythingElseIsLeftAsWrittenForPicocliToJudge() {
        String[] ours = {"server", "-n", "-p", "2491"};
        assertThat(SeedGlobalOptions.hoist(SandboxDaemonCommand.newCommandLine(), ours)).isSameAs(ours);
        String[] unknown = {"-x", "server"};
        assertThat(SeedGlobalOptions.hoist(SandboxDaemonCommand.newCommandLine(), unknown)).isSameAs(unknown);
        String[] noLeaf = {"-n", "api"};
        assertThat(SeedGlobalOptions.hoist(SandboxDaemonCommand.newCommandLine(), noLeaf)).isSameAs(noLeaf);
        String[] dangling = {"-t"};
        assertThat(SeedGlobalOptions.hoist(SandboxDaemonCommand.newCommandLine(), dangling)).isSameAs(dangling);
    }
}
