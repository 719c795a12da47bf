package dev.sandboxagent.core.install;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads which version npm actually installed (a tag or range request resolves to a concrete
 * version) from the installed package's own package.json.
 */
final class InstalledVersion {

    private static final System.Logger LOG = System.getLogger(InstalledVersion.class.getName());

    private InstalledVersion() {
    }

    /** The version that npm actually installed, from the package's own package.json. */
    static String of(Path dir, PackageSpec spec, Path binary) {
        Optional<Path> manifest = spec.registryName()
                .map(name -> dir.resolve("node_modules").resolve(name).resolve("package.json"))
                .or(() -> manifestAbove(binary));
        return manifest.flatMap(InstalledVersion::versionIn).orElseGet(() -> {
            LOG.log(Level.WARNING, "cannot tell which version of {0} was installed in {1}", spec, dir);
            return null;
        });
    }

    /** For local packages the name is unknown: walk up from the real binary to its package.json. */
    private static Optional<Path> manifestAbove(Path binary) {
        try {
            for (Path p = binary.toRealPath().getParent(); p != null; p = p.getParent()) {
                if (versionIn(p.resolve("package.json")).isPresent()) {
                    return Optional.of(p.resolve("package.json"));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot resolve " + binary, e);
        }
        return Optional.empty();
    }

    private static Optional<String> versionIn(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(Files.readString(manifest)))) {
            return Optional.ofNullable(reader.readObject().getString("version", null));
        } catch (IOException | JsonException | ClassCastException e) {
            return Optional.empty();
        }
    }

}
