package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.process.LaunchSpec;

import java.nio.file.Path;
import java.util.Map;

/** The command line and environment of {@code opencode serve}. */
final class ServerLaunch {

    static final String PASSWORD_VAR = "OPENCODE_SERVER_PASSWORD";
    static final String USERNAME_VAR = "OPENCODE_SERVER_USERNAME";

    private ServerLaunch() {
    }

    /**
     * The server gets exactly the daemon's environment as the engine passed it (so a user's
     * own OpenCode config, e.g. {@code OPENCODE_CONFIG_CONTENT}, and provider keys reach it
     * untouched), plus its password, and {@code PWD}: OpenCode takes its directory from
     * {@code PWD}, which a Java child does not get updated for its working directory.
     */
    static LaunchSpec spec(Path binary, int port, String password, Map<String, String> environment, Path workDir) {
        LaunchSpec.Builder b = LaunchSpec.builder(binary.toString(), "serve", "--hostname", "127.0.0.1",
                "--port", Integer.toString(port)).directory(workDir);
        for (String inherited : System.getenv().keySet()) {
            if (!environment.containsKey(inherited)) {
                b.removeEnv(inherited);
            }
        }
        b.env(environment);
        // A daemon runs the version it installed: no self-update unless the user asks for it.
        if (!environment.containsKey("OPENCODE_DISABLE_AUTOUPDATE")) {
            b.env("OPENCODE_DISABLE_AUTOUPDATE", "1");
        }
        b.env("PWD", workDir.toString());
        b.env(PASSWORD_VAR, password);
        b.env(USERNAME_VAR, OpencodeClient.USER);
        return b.build();
    }
}
