package dev.sandboxagent.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the {@code claude} CLI, for the process benchmark: a shell script named
 * {@code claude} that answers every stream-json user message on its stdin by printing a recorded
 * turn ({@code cat}, as fast as the pipe takes it). The turn is a recorded Claude Code transcript
 * whose {@code text_delta} lines are repeated to make {@code deltas} of them, so the daemon's
 * real Claude adapter, normaliser and log see real stream-json. Put {@link #binDir()} first on
 * the daemon's PATH: the engine takes an agent binary from the PATH when the data directory has
 * none ({@code NpmInstaller.find}).
 */
final class ClaudeStub {

    private final Path binDir;
    private final int eventsPerTurn;

    private ClaudeStub(Path binDir, int eventsPerTurn) {
        this.binDir = binDir;
        this.eventsPerTurn = eventsPerTurn;
    }

    Path binDir() {
        return binDir;
    }

    /** Roughly the events one turn makes (one per text delta, plus the turn's own). */
    int approxEventsPerTurn() {
        return eventsPerTurn;
    }

    static ClaudeStub create(Path dir, Path transcript, int deltas) throws IOException {
        List<String> lines = Files.readAllLines(transcript, StandardCharsets.UTF_8);
        int firstDelta = -1;
        int lastDelta = -1;
        List<String> deltaLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"text_delta\"")) {
                if (firstDelta < 0) {
                    firstDelta = i;
                }
                lastDelta = i;
                deltaLines.add(lines.get(i));
            }
        }
        int result = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"type\":\"result\"")) {
                result = i;
                break;
            }
        }
        if (firstDelta < 0 || result < lastDelta) {
            throw new IOException(transcript + " has no text_delta lines followed by a result line");
        }
        Files.createDirectories(dir);
        Path turn = dir.resolve("turn.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(turn, StandardCharsets.UTF_8)) {
            for (int i = 0; i < firstDelta; i++) {
                w.write(lines.get(i));
                w.write('\n');
            }
            for (int i = 0; i < deltas; i++) {
                w.write(deltaLines.get(i % deltaLines.size()));
                w.write('\n');
            }
            for (int i = lastDelta + 1; i <= result; i++) {
                w.write(lines.get(i));
                w.write('\n');
            }
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path claude = bin.resolve("claude");
        Files.writeString(claude, """
                #!/bin/sh
                # Benchmark stand-in for claude: prints a recorded turn for every user message on stdin.
                while IFS= read -r line; do
                    case "$line" in
                        *'"type":"user"'*) cat '%s' ;;
                    esac
                done
                """.formatted(turn.toAbsolutePath()));
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        int other = (firstDelta + (result - lastDelta)); // lines around the deltas: a few events each at most
        return new ClaudeStub(bin, deltas + other);
    }
}
