package dev.sandboxagent.core.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/** Builds tiny npm packages and an npm environment that cannot reach the real registry. */
final class NpmTestPackages {

    private NpmTestPackages() {
    }

    /** A package {@code name} with a bin of the same name printing "name version". */
    static Path write(Path dir, String name, String version) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("package.json"), """
                {"name": "%s", "version": "%s", "bin": {"%s": "cli.js"}}
                """.formatted(name, version, name));
        executable(dir.resolve("cli.js"), "#!/usr/bin/env node\nconsole.log('%s %s');\n".formatted(name, version));
        return dir;
    }

    static Path executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** The daemon's environment with a private npm cache and {@code registry} as the registry. */
    static Map<String, String> offlineEnvironment(Path root, String registry) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("npm_config_cache", root.resolve("npm-cache").toString());
        env.put("npm_config_registry", registry);
        env.put("npm_config_fetch_retries", "0");
        env.put("npm_config_update_notifier", "false");
        return env;
    }
}
