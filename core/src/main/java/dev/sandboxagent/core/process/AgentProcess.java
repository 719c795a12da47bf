package dev.sandboxagent.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A running agent CLI: its stdout is delivered line by line, its stderr is kept in a bounded
 * {@link StderrCapture}, lines can be written to its stdin, and it can be interrupted (SIGINT)
 * or terminated together with every process it spawned. Output is read on two platform threads;
 * once stdout has reached end-of-file and the process has exited, the exit callback runs exactly
 * once, after the last stdout line. Callbacks run on the stdout reader thread, so a callback that
 * blocks stalls the reading of further output. All methods are thread-safe.
 */
public final class AgentProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AgentProcess.class.getName());
    /** Grace period used by {@link #close()}. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(3);

    private final Process process;
    private final List<String> command;
    private final StderrCapture stderr = new StderrCapture();
    private final OutputStream stdin;
    private final ReentrantLock stdinLock = new ReentrantLock();
    private final ReentrantLock terminateLock = new ReentrantLock();
    private final CompletableFuture<Integer> finished = new CompletableFuture<>();
    private boolean stdinClosed;
    private boolean terminated;
    private Thread stdoutThread;

    private AgentProcess(Process process, List<String> command) {
        this.process = process;
        this.command = command;
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts the process described by {@code spec}.
     *
     * @param stdoutLine called with each stdout line (UTF-8, without terminator), in order
     * @param onExit     called once with the exit code and stderr when the process is done
     * @throws ProcessLaunchException if the process cannot be started
     */
    public static AgentProcess start(LaunchSpec spec, Consumer<String> stdoutLine,
                                     BiConsumer<Integer, StderrSnapshot> onExit) {
        return start(spec, stdoutLine, line -> { }, onExit);
    }

    /**
     * Like {@link #start(LaunchSpec, Consumer, BiConsumer)}, and also passes each stderr line to
     * {@code stderrLine} as it arrives (from the stderr reader thread), e.g. for live progress.
     */
    public static AgentProcess start(LaunchSpec spec, Consumer<String> stdoutLine, Consumer<String> stderrLine,
                                     BiConsumer<Integer, StderrSnapshot> onExit) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(stdoutLine, "stdoutLine");
        Objects.requireNonNull(stderrLine, "stderrLine");
        Objects.requireNonNull(onExit, "onExit");
        AgentProcess agent = new AgentProcess(ProcessLauncher.launch(spec), spec.command());
        ProcessRegistry.current().ifPresent(r -> r.started(agent.process.toHandle()));
        tell(o -> o.started(agent.program()));
        agent.startReaders(stdoutLine, stderrLine, onExit);
        LOG.log(Level.DEBUG, "started {0} as pid {1}", spec.command(), agent.pid());
        LOG.log(Level.INFO, "agent process {0} ({1}) started", Long.toString(agent.pid()), agent.program());
        return agent;
    }

    private String program() {
        String first = command.isEmpty() ? "" : command.getFirst();
        return first.substring(first.lastIndexOf('/') + 1);
    }

    private static void tell(Consumer<ProcessObserver> call) {
        ProcessObserver o = ProcessObserver.Installed.observer;
        if (o != null) {
            call.accept(o);
        }
    }

    private void startReaders(Consumer<String> stdoutLine, Consumer<String> stderrLine,
                              BiConsumer<Integer, StderrSnapshot> onExit) {
        String name = "agent-" + process.pid();
        // Platform threads, not virtual ones: a virtual thread blocked reading a pipe pins its
        // carrier, and the spare carrier the scheduler adds for it expires after its keep-alive
        // (~30 s). Idle agents would then hold every carrier and starve all virtual threads of
        // the daemon (seen on 2 cores: one idle claude session froze the engine).
        Thread stderrThread = Thread.ofPlatform().daemon().name(name + "-stderr").start(() ->
                pump(process.getErrorStream(), StderrCapture.MAX_LINE_CHARS, line -> {
                    stderr.add(line);
                    stderrLine.accept(line);
                }));
        stdoutThread = Thread.ofPlatform().daemon().name(name + "-stdout").unstarted(() -> {
            try {
                pump(process.getInputStream(), Integer.MAX_VALUE, stdoutLine);
                int code = waitUninterruptibly(stderrThread);
                ProcessRegistry.current().ifPresent(r -> r.exited(process.pid()));
                tell(o -> o.exited(program(), code));
                LOG.log(code == 0 || terminated ? Level.INFO : Level.WARNING, "agent process {0} ({1}) exited with code {2}{3}",
                        Long.toString(process.pid()), program(), Integer.toString(code), code > 128 ? " (signal " + (code - 128) + ")" : "");
                deliver(() -> onExit.accept(code, stderr.snapshot()));
                finished.complete(code);
            } catch (Throwable t) {
                finished.completeExceptionally(t);
                throw t;
            }
        });
        stdoutThread.start();
        Thread.ofVirtual().name(name + "-exit").start(this::endOrphans);
    }

    /**
     * An agent's process group dies with it: whatever it started and left running (a background
     * command, an MCP server) is an orphan of a session that is over. The agent was started with
     * setsid, so its group id is its pid; the group is SIGKILLed once the agent has exited.
     * (The JDK closes our ends of the pipes at exit, so the exit is reported either way.)
     */
    private void endOrphans() {
        try {
            process.onExit().get(); // parks the virtual thread (Process.waitFor could pin it on Java 21)
            if (ProcessLauncher.usesSetsid()) {
                ProcessTree.killGroup(process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.DEBUG, "waiting for pid " + pid() + " failed", e);
        }
    }

    /** Reads lines until EOF; a throwing consumer is logged and must not stop the reading. */
    private void pump(InputStream in, int maxLineChars, Consumer<String> consumer) {
        try (in) {
            LineReader reader = new LineReader(in, maxLineChars);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String current = line;
                deliver(() -> consumer.accept(current));
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "output of pid " + pid() + " ended with an error", e);
        }
    }

    private void deliver(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "callback for process " + pid() + " " + command + " failed", e);
        }
    }

    /** Waits for the process to exit and the stderr reader to drain, ignoring interrupts. */
    private int waitUninterruptibly(Thread stderrThread) {
        boolean interrupted = false;
        while (true) {
            try {
                int code = process.waitFor();
                stderrThread.join();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return code;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /**
     * Writes {@code line} plus {@code '\n'} to the process's stdin and flushes. Lines from
     * concurrent callers are never interleaved.
     *
     * @throws StdinClosedException if stdin was closed, the process has exited or the pipe broke
     */
    public void writeLine(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        stdinLock.lock();
        try {
            if (stdinClosed) {
                throw new StdinClosedException("stdin of process " + pid() + " " + command + " is closed", null);
            }
            if (!process.isAlive()) {
                throw new StdinClosedException("process " + pid() + " " + command + " has exited", null);
            }
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw new StdinClosedException("cannot write to process " + pid() + " " + command + ": " + e.getMessage(), e);
        } finally {
            stdinLock.unlock();
        }
    }

    /** Closes the process's stdin (it sees end-of-file); later writes fail. Idempotent. */
    public void closeStdin() {
        stdinLock.lock();
        try {
            if (!stdinClosed) {
                stdinClosed = true;
                stdin.close();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing stdin of pid " + pid() + " failed", e);
        } finally {
            stdinLock.unlock();
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The stderr seen so far. */
    public StderrSnapshot stderr() {
        return stderr.snapshot();
    }

    /** The exit code once the process has exited; empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Waits until the process has exited and all its output and the exit callback have been
     * delivered. Called from a callback (where that cannot happen before it returns) it only
     * waits for the process to exit.
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean waitFor(Duration timeout) {
        try {
            if (Thread.currentThread() == stdoutThread) {
                return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            finished.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    /**
     * Ends the process and all its descendants: SIGTERM, up to {@code grace} to exit, then
     * SIGKILL for whatever is still running. Returns once they are gone (or SIGKILL could not
     * take them within a few seconds, which is logged). Idempotent: later and concurrent calls
     * wait for the first one and do nothing else.
     */
    public void terminate(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        terminateLock.lock();
        try {
            if (terminated) {
                return;
            }
            terminated = true;
            if (process.isAlive()) {
                LOG.log(Level.DEBUG, "terminating pid {0} {1}", pid(), command);
                ProcessTree.terminate(process.toHandle(), grace);
                awaitReaped();
            }
        } finally {
            terminateLock.unlock();
        }
        closeStdin();
    }

    /** The tree counts a zombie as gone; wait until the JVM has reaped our child too. */
    private void awaitReaped() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "pid {0} was killed but not reaped within 5s", pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends SIGINT to this process only (not its descendants); many CLIs cancel the current turn
     * on it. Does nothing if the process has already exited. Java has no API for SIGINT, so this
     * runs {@code kill -INT <pid>}.
     */
    public void interruptSignal() {
        if (!process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                LOG.log(Level.WARNING, "kill -INT {0} did not finish", pid());
            } else if (kill.exitValue() != 0 && process.isAlive()) {
                LOG.log(Level.WARNING, "kill -INT {0} failed with exit code {1}", pid(), kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -INT " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #terminate(Duration)} with {@link #DEFAULT_CLOSE_GRACE}. */
    @Override
    public void close() {
        terminate(DEFAULT_CLOSE_GRACE);
    }

    @Override
    public String toString() {
        return "AgentProcess[pid=" + pid() + ", command=" + command + "]";
    }
}
