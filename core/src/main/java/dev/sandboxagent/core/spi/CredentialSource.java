package dev.sandboxagent.core.spi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One place an agent's credentials can come from: an environment variable or a file under the
 * user's home. Only presence is ever checked; secrets are never read into the daemon.
 */
public sealed interface CredentialSource {

    /** A short description, e.g. "env ANTHROPIC_API_KEY" or "file ~/.claude/.credentials.json". */
    String describe();

    boolean isPresent(Map<String, String> env, Path home);

    record EnvVar(String name) implements CredentialSource {
        @Override
        public String describe() {
            return "env " + name;
        }

        @Override
        public boolean isPresent(Map<String, String> env, Path home) {
            String v = env.get(name);
            return v != null && !v.isBlank();
        }
    }

    record HomeFile(String relativePath) implements CredentialSource {
        @Override
        public String describe() {
            return "file ~/" + relativePath;
        }

        @Override
        public boolean isPresent(Map<String, String> env, Path home) {
            return home != null && Files.isRegularFile(home.resolve(relativePath));
        }
    }
}
