package dev.sandboxagent.core.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to launch for an agent process: the command line, its working directory and how its
 * environment differs from the daemon's. The child inherits the daemon's own environment;
 * {@code environment} entries are added to (or override) it and {@code removedEnvironment}
 * names are removed from it. A name may not be both added and removed.
 *
 * @param command            program and arguments, never empty; the program is looked up on the
 *                           child's {@code PATH} unless it contains a {@code /}
 * @param directory          working directory of the child
 * @param environment        variables added to the inherited environment
 * @param removedEnvironment variable names removed from the inherited environment
 */
public record LaunchSpec(List<String> command, Path directory, Map<String, String> environment,
                         Set<String> removedEnvironment) {

    public LaunchSpec {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(directory, "directory");
        command = List.copyOf(command);
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("command must name a program");
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        removedEnvironment = removedEnvironment == null ? Set.of() : Set.copyOf(removedEnvironment);
        environment.keySet().forEach(LaunchSpec::checkName);
        removedEnvironment.forEach(LaunchSpec::checkName);
        for (String name : removedEnvironment) {
            if (environment.containsKey(name)) {
                throw new IllegalArgumentException("environment variable " + name + " is both added and removed");
            }
        }
    }

    /** A spec running {@code command} in {@code directory} with the daemon's environment unchanged. */
    public static LaunchSpec of(Path directory, String... command) {
        return new LaunchSpec(List.of(command), directory, Map.of(), Set.of());
    }

    /** A builder starting from {@code command}, the current directory and no environment changes. */
    public static Builder builder(String... command) {
        return new Builder().command(List.of(command));
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name: '" + name + "'");
        }
    }

    /** Mutable builder for {@link LaunchSpec}; not thread-safe. */
    public static final class Builder {
        private final List<String> command = new ArrayList<>();
        private Path directory = Path.of("").toAbsolutePath();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Set<String> removed = new LinkedHashSet<>();

        private Builder() {
        }

        public Builder command(List<String> command) {
            this.command.clear();
            this.command.addAll(command);
            return this;
        }

        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Adds or overrides one variable (and cancels an earlier removal of it). */
        public Builder env(String name, String value) {
            removed.remove(name);
            environment.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder env(Map<String, String> variables) {
            variables.forEach(this::env);
            return this;
        }

        /** Removes one inherited variable (and cancels an earlier addition of it). */
        public Builder removeEnv(String name) {
            environment.remove(name);
            removed.add(name);
            return this;
        }

        public LaunchSpec build() {
            return new LaunchSpec(command, directory, environment, removed);
        }
    }
}
