package dev.sandboxagent.core.install;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code installed.json} file written next to an agent's {@code node_modules}: which package
 * and version were installed for which binary, and when. It is what makes installs idempotent.
 */
record InstallRecord(String agent, String packageSpec, String version, String bin, Instant installedAt) {

    static final String FILE_NAME = "installed.json";
    private static final System.Logger LOG = System.getLogger(InstallRecord.class.getName());

    /** The record in {@code dir}, or empty if there is none or it is unreadable. */
    static Optional<InstallRecord> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(Files.readString(file)))) {
            JsonObject json = reader.readObject();
            return Optional.of(new InstallRecord(json.getString("agent"), json.getString("package"),
                    json.getString("version", null), json.getString("bin"),
                    Instant.parse(json.getString("installedAt"))));
        } catch (IOException | JsonException | ClassCastException | NullPointerException
                 | DateTimeParseException e) {
            LOG.log(Level.WARNING, "ignoring unreadable " + file + ": " + e);
            return Optional.empty();
        }
    }

    /** Writes the record to {@code dir} atomically, so readers never see half a file. */
    void write(Path dir) throws IOException {
        JsonObjectBuilder json = Jsons.JSON.createObjectBuilder()
                .add("agent", agent)
                .add("package", packageSpec);
        if (version == null) {
            json.addNull("version");
        } else {
            json.add("version", version);
        }
        json.add("bin", bin).add("installedAt", installedAt.toString());
        Path temp = dir.resolve(FILE_NAME + ".tmp");
        Files.writeString(temp, json.build().toString() + "\n");
        Files.move(temp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
