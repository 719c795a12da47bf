package dev.sandboxagent.core.install;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to hand to {@code npm install}: a registry package name with an optional version, or a
 * local package (directory or tarball, optionally as a {@code file:} spec). Only these two forms
 * are accepted, so a caller cannot smuggle npm options or git/URL specs into the command line.
 *
 * @param given   the package spec as the caller wrote it (recorded in installed.json)
 * @param version the requested version, tag or range, or {@code null} for "latest"
 * @param local   the absolute local path, or {@code null} for a registry package
 */
record PackageSpec(String given, String version, Path local) {

    private static final Pattern NAME = Pattern.compile("(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.^~<>=*+_-]+");

    static PackageSpec of(String packageSpec, String version) {
        if (version != null && (!VERSION.matcher(version).matches() || version.startsWith("-"))) {
            throw new IllegalArgumentException("invalid version '" + version + "'");
        }
        String path = packageSpec.startsWith("file:") ? packageSpec.substring("file:".length()) : packageSpec;
        if (packageSpec.startsWith("file:") || path.startsWith("/") || path.startsWith("./")
                || path.startsWith("../") || path.endsWith(".tgz") || path.endsWith(".tar.gz")) {
            return new PackageSpec(packageSpec, version, Path.of(path).toAbsolutePath().normalize());
        }
        if (!NAME.matcher(packageSpec).matches()) {
            throw new IllegalArgumentException("not an npm package name or local path: '" + packageSpec + "'");
        }
        return new PackageSpec(packageSpec, version, null);
    }

    boolean isLocal() {
        return local != null;
    }

    /** The registry package name; empty for local packages, whose name npm reads from them. */
    Optional<String> registryName() {
        return isLocal() ? Optional.empty() : Optional.of(given);
    }

    /** The argument for {@code npm install}. */
    String npmArgument() {
        if (isLocal()) {
            return local.toString();
        }
        return version == null ? given : given + "@" + version;
    }

    @Override
    public String toString() {
        return isLocal() || version == null ? given : given + "@" + version;
    }
}
