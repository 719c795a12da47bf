package dev.sandboxagent.core.install;

import dev.sandboxagent.core.files.FileTrees;

import dev.sandboxagent.core.install.InstallException.Reason;
import dev.sandboxagent.core.process.Executables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Installs agent CLIs from their npm packages into the daemon's data directory, one folder per
 * agent ({@code <dataDir>/agents/<agentId>/}), never globally, and finds installed binaries
 * (falling back to the {@code PATH}). Installs are idempotent thanks to an {@code installed.json}
 * record, bounded by a timeout, and serialised per agent (different agents install in parallel).
 * Failures are reported as {@link InstallException}s with a one-line, user-presentable message.
 */
public final class NpmInstaller implements AgentInstaller {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final System.Logger LOG = System.getLogger(NpmInstaller.class.getName());
    private static final Pattern AGENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern BIN_NAME = Pattern.compile("[A-Za-z0-9@._+-]+");
    static final String NPM_MISSING = "npm was not found on PATH; install Node.js 20+ and npm";

    private final Path dataDir;
    private final String npmCommand;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Uses {@code npm} from the PATH, the daemon's environment and {@link #DEFAULT_TIMEOUT}. */
    public NpmInstaller(Path dataDir) {
        this(dataDir, "npm");
    }

    public NpmInstaller(Path dataDir, String npmCommand) {
        this(dataDir, npmCommand, System.getenv(), DEFAULT_TIMEOUT);
    }

    /**
     * @param npmCommand  program name looked up on {@code environment}'s PATH, or a path to npm
     * @param environment the whole environment npm runs with; its {@code PATH} is also where
     *                    npm and, by {@link #find}, agent binaries are looked up
     * @param timeout     how long one npm run may take before it is killed
     */
    public NpmInstaller(Path dataDir, String npmCommand, Map<String, String> environment, Duration timeout) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
        this.npmCommand = Objects.requireNonNull(npmCommand, "npmCommand");
        this.environment = Map.copyOf(environment);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** The folder an agent is installed into. */
    public Path agentDir(String agentId) {
        checkAgentId(agentId);
        return dataDir.resolve("agents").resolve(agentId);
    }

    /** {@link #install(String, String, String, String, boolean, Consumer)} without progress. */
    @Override
    public InstalledAgent install(String agentId, String packageSpecName, String version, String binName,
                                  boolean reinstall) {
        return install(agentId, packageSpecName, version, binName, reinstall, line -> { });
    }

    /**
     * Installs {@code packageSpecName@version} (or a local package directory/tarball, given as a
     * path or {@code file:} spec, as is) for {@code agentId}, unless that package and version is
     * already installed there and {@code reinstall} is false. A {@code null} version means the
     * latest one, and then any existing install counts as up to date.
     *
     * @param binName  the executable the package must provide in {@code node_modules/.bin}
     * @param progress receives npm's output lines as they come (calls are serialised)
     * @throws InstallException         if npm is missing or fails, or the binary is not there
     * @throws IllegalArgumentException if an id, name or version is malformed
     */
    public InstalledAgent install(String agentId, String packageSpecName, String version, String binName,
                                  boolean reinstall, Consumer<String> progress) {
        Path dir = agentDir(agentId);
        checkBinName(binName);
        PackageSpec spec = PackageSpec.of(packageSpecName, version);
        ReentrantLock lock = locks.computeIfAbsent(agentId, id -> new ReentrantLock());
        lock.lock();
        try {
            Path binary = binaryIn(dir, binName);
            if (!reinstall) {
                Optional<InstallRecord> current = InstallRecord.read(dir)
                        .filter(r -> r.packageSpec().equals(packageSpecName) && r.bin().equals(binName))
                        .filter(r -> version == null || version.equals(r.version()))
                        .filter(r -> Executables.isExecutableFile(binary));
                if (current.isPresent()) {
                    LOG.log(Level.DEBUG, "{0} {1} already installed for {2}", spec, current.get().version(), agentId);
                    return new InstalledAgent(agentId, binary, current.get().version(), InstalledAgent.Source.DATA_DIR);
                }
            }
            return installLocked(agentId, spec, binName, dir, binary, reinstall, progress);
        } finally {
            lock.unlock();
        }
    }

    private InstalledAgent installLocked(String agentId, PackageSpec spec, String binName, Path dir, Path binary,
                                         boolean reinstall, Consumer<String> progress) {
        Path npm = locateNpm();
        try {
            if (reinstall) {
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(InstallRecord.FILE_NAME)); // stale while npm changes things
        } catch (IOException | UncheckedIOException e) {
            throw new InstallException(Reason.IO_ERROR, "cannot prepare " + dir + " for agent '" + agentId + "': " + e, e);
        }
        LOG.log(Level.INFO, "installing {0} for agent {1} into {2}", spec, agentId, dir);
        new NpmRun(npm, environment, timeout).install(agentId, spec, dir, progress);
        if (!Executables.isExecutableFile(binary)) {
            throw new InstallException(Reason.BINARY_MISSING, "npm installed " + spec + " for agent '" + agentId
                    + "' but it provides no executable '" + binName + "' (expected " + binary + ")", null);
        }
        String installed = InstalledVersion.of(dir, spec, binary);
        try {
            new InstallRecord(agentId, spec.given(), installed, binName, Instant.now()).write(dir);
        } catch (IOException e) {
            throw new InstallException(Reason.IO_ERROR, "cannot write the install record in " + dir + ": " + e, e);
        }
        return new InstalledAgent(agentId, binary, installed, InstalledAgent.Source.DATA_DIR);
    }

    /**
     * The agent's binary: the data-dir install if there is one, else the first executable
     * {@code binName} on the PATH (with an unknown version).
     */
    @Override
    public Optional<InstalledAgent> find(String agentId, String binName) {
        Path dir = agentDir(agentId);
        checkBinName(binName);
        Path binary = binaryIn(dir, binName);
        if (Executables.isExecutableFile(binary)) {
            String version = InstallRecord.read(dir).filter(r -> r.bin().equals(binName))
                    .map(InstallRecord::version).orElse(null);
            return Optional.of(new InstalledAgent(agentId, binary, version, InstalledAgent.Source.DATA_DIR));
        }
        return Executables.findOnPath(binName, environment.get("PATH"))
                .map(path -> new InstalledAgent(agentId, path, null, InstalledAgent.Source.PATH));
    }

    private static Path binaryIn(Path dir, String binName) {
        return dir.resolve("node_modules").resolve(".bin").resolve(binName);
    }

    private Path locateNpm() {
        Optional<Path> npm = npmCommand.contains("/")
                ? Optional.of(Path.of(npmCommand)).filter(Executables::isExecutableFile)
                : Executables.findOnPath(npmCommand, environment.get("PATH"));
        return npm.orElseThrow(() -> new InstallException(Reason.NPM_NOT_FOUND,
                NPM_MISSING + " (looked for '" + npmCommand + "')", null));
    }

    /** Deletes a tree without following symbolic links (a linked local package stays intact). */
    private static void deleteRecursively(Path dir) throws IOException {
        FileTrees.deleteRecursively(dir);
    }

    private static void checkAgentId(String agentId) {
        if (agentId == null || !AGENT_ID.matcher(agentId).matches()) {
            throw new IllegalArgumentException("invalid agent id '" + agentId + "'");
        }
    }

    private static void checkBinName(String binName) {
        if (binName == null || !BIN_NAME.matcher(binName).matches() || binName.startsWith(".")) {
            throw new IllegalArgumentException("invalid binary name '" + binName + "'");
        }
    }
}
