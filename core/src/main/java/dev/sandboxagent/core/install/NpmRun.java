package dev.sandboxagent.core.install;

import dev.sandboxagent.core.install.InstallException.Reason;
import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.process.ProcessLaunchException;
import dev.sandboxagent.core.process.StderrSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One {@code npm install --prefix <dir>} run: launched as an {@link AgentProcess} with exactly
 * the installer's environment, bounded by a timeout after which npm and its children are killed,
 * and turned into an {@link InstallException} when npm fails.
 */
final class NpmRun {

    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private final Path npm;
    private final Map<String, String> environment;
    private final Duration timeout;

    NpmRun(Path npm, Map<String, String> environment, Duration timeout) {
        this.npm = npm;
        this.environment = environment;
        this.timeout = timeout;
    }

    void install(String agentId, PackageSpec spec, Path dir, Consumer<String> progress) {
        List<String> command = new ArrayList<>(List.of(npm.toString(), "install", "--prefix", dir.toString(),
                "--no-audit", "--no-fund", "--no-save", "--loglevel=error"));
        if (spec.isLocal()) {
            command.add("--install-links"); // copy a local package instead of symlinking its folder
        }
        command.add(spec.npmArgument());
        Consumer<String> serialisedProgress = serialised(progress);
        CompletableFuture<StderrSnapshot> exited = new CompletableFuture<>();
        AgentProcess process;
        try {
            process = AgentProcess.start(npmLaunch(command, dir), serialisedProgress, serialisedProgress,
                    (code, stderr) -> exited.complete(stderr));
        } catch (ProcessLaunchException e) {
            throw new InstallException(Reason.NPM_NOT_FOUND, NpmInstaller.NPM_MISSING + " (" + e.getMessage() + ")", e);
        }
        try (process) {
            process.closeStdin();
            StderrSnapshot stderr = exited.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            int code = process.exitCode().orElse(-1);
            if (code != 0) {
                throw failure(agentId, spec, code, stderr);
            }
        } catch (TimeoutException e) {
            process.terminate(KILL_GRACE);
            throw new InstallException(Reason.TIMEOUT, "npm did not install " + spec + " for agent '" + agentId
                    + "' within " + timeout + " and was stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException(Reason.NPM_FAILED, "installing " + spec + " for agent '" + agentId
                    + "' was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // exited is never completed exceptionally
        }
    }

    private static InstallException failure(String agentId, PackageSpec spec, int code, StderrSnapshot stderr) {
        List<String> lines = new ArrayList<>(stderr.head().lines().toList());
        if (stderr.tail() != null) {
            lines.addAll(stderr.tail().lines().toList());
        }
        NpmFailure failure = NpmFailure.classify(lines, spec.isLocal());
        String what = switch (failure.reason()) {
            case PACKAGE_NOT_FOUND -> "package not found";
            case VERSION_NOT_FOUND -> "version not found";
            case REGISTRY_UNREACHABLE -> "npm registry unreachable";
            default -> "npm failed";
        };
        String codeText = failure.code() == null ? "exit code " + code : failure.code() + ", exit code " + code;
        String detail = failure.detail().isEmpty() ? "" : ": " + failure.detail();
        return new InstallException(failure.reason(), "cannot install " + spec + " for agent '" + agentId + "': "
                + what + " (npm " + codeText + ")" + detail, null);
    }

    /** npm runs with exactly the installer's environment, expressed as changes to the daemon's own. */
    private LaunchSpec npmLaunch(List<String> command, Path dir) {
        LaunchSpec.Builder launch = LaunchSpec.builder().command(command).directory(dir);
        System.getenv().keySet().stream().filter(name -> !environment.containsKey(name)).forEach(launch::removeEnv);
        environment.forEach(launch::env);
        if (!environment.containsKey("npm_config_update_notifier")) {
            launch.env("npm_config_update_notifier", "false");
        }
        return launch.build();
    }

    private static Consumer<String> serialised(Consumer<String> progress) {
        ReentrantLock lock = new ReentrantLock();
        return line -> {
            lock.lock();
            try {
                progress.accept(line);
            } finally {
                lock.unlock();
            }
        };
    }

}
