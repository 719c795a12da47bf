package dev.sandboxagent.core.spi;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.files.PathRules;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A session's {@code skills} config (the contract's SkillsConfig): where skills come from, and
 * the skill directories (each holding a {@code SKILL.md}) they resolve to. Adapters put the
 * resolved skills where their agent looks for them, usually by {@link #link linking} them into
 * a project-local skills folder.
 * <p>
 * Sources of type {@code local} (a directory on the daemon's machine) are supported. The
 * contract's {@code github} and {@code git} sources need a download, which this daemon does
 * not do: they are refused with a message saying how to get the skills in instead.
 * <p>
 * Discovery in a source directory (after {@code subpath}): the directory itself when it holds
 * a {@code SKILL.md}; else every child of its {@code skills/} folder that holds one; else every
 * child that holds one. {@code skills} narrows the result to the named directories, each of
 * which must be found.
 */
public final class SessionSkills {

    public static final String SKILL_FILE = "SKILL.md";

    /** One entry of {@code skills.sources}. */
    public record Source(String type, String source, String ref, String subpath, List<String> skills) {
        public Source {
            skills = skills == null ? List.of() : List.copyOf(skills);
        }
    }

    /** A resolved skill: its name (the directory's name) and its directory. */
    public record Skill(String name, Path directory) {
    }

    private SessionSkills() {
    }

    /** The sources of a skills config; empty for null. Malformed config is an invalid_request. */
    public static List<Source> parse(JsonObject skills) {
        if (skills == null) {
            return List.of();
        }
        if (!(skills.get("sources") instanceof JsonArray sources)) {
            throw SandboxException.invalid("skills.sources must be an array");
        }
        List<Source> out = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String where = "skills.sources[" + i + "]";
            if (!(sources.get(i) instanceof JsonObject o) || !(o.get("type") instanceof JsonString type)
                    || !(o.get("source") instanceof JsonString source)) {
                throw SandboxException.invalid("each skills source needs string fields 'type' and 'source' (" + where + ")");
            }
            List<String> names = new ArrayList<>();
            JsonValue list = o.get("skills");
            if (list != null && list != JsonValue.NULL) {
                if (!(list instanceof JsonArray a) || !a.stream().allMatch(v -> v instanceof JsonString)) {
                    throw SandboxException.invalid(where + ".skills must be an array of strings");
                }
                a.getValuesAs(JsonString.class).forEach(s -> names.add(s.getString()));
            }
            out.add(new Source(type.getString(), source.getString(), optString(o, "ref", where),
                    optString(o, "subpath", where), names));
        }
        return List.copyOf(out);
    }

    /**
     * The skills the sources hold; relative {@code local} paths resolve against {@code base}
     * (the session's directory). Refuses unsupported source types, missing directories,
     * missing named skills and two skills of one name.
     */
    public static List<Skill> resolve(List<Source> sources, Path base) {
        Map<String, Skill> byName = new LinkedHashMap<>();
        for (Source s : sources) {
            if (!"local".equals(s.type())) {
                if ("github".equals(s.type()) || "git".equals(s.type())) {
                    throw SandboxException.invalid("skills source '" + s.source() + "' has type '" + s.type()
                            + "', which needs a download this daemon does not do; put the skills into the sandbox "
                            + "(e.g. POST /v1/fs/upload-batch) and use a source of type 'local'");
                }
                throw SandboxException.invalid("unknown skills source type '" + s.type() + "'; supported: local");
            }
            Path dir = PathRules.resolve(s.source(), base, "skills source");
            if (s.subpath() != null && !s.subpath().isBlank()) {
                if (Path.of(s.subpath()).isAbsolute()) {
                    throw SandboxException.invalid("skills subpath '" + s.subpath() + "' must be relative");
                }
                dir = PathRules.resolve(s.subpath(), dir, "skills subpath");
            }
            if (!Files.isDirectory(dir)) {
                throw SandboxException.invalid("skills source '" + dir + "' is not a directory");
            }
            List<Skill> found = discover(dir);
            if (!s.skills().isEmpty()) {
                Set<String> wanted = new TreeSet<>(s.skills());
                found = found.stream().filter(k -> wanted.contains(k.name())).toList();
                Set<String> missing = new TreeSet<>(wanted);
                found.forEach(k -> missing.remove(k.name()));
                if (!missing.isEmpty()) {
                    throw SandboxException.invalid("skills " + missing + " were not found in '" + dir
                            + "' (a skill is a directory holding " + SKILL_FILE + ")");
                }
            }
            if (found.isEmpty()) {
                throw SandboxException.invalid("no skills found in '" + dir + "' (a skill is a directory holding "
                        + SKILL_FILE + ")");
            }
            for (Skill k : found) {
                Skill before = byName.putIfAbsent(k.name(), k);
                if (before != null && !before.directory().equals(k.directory())) {
                    throw SandboxException.invalid("two skills are named '" + k.name() + "': " + before.directory()
                            + " and " + k.directory());
                }
            }
        }
        return List.copyOf(byName.values());
    }

    private static List<Skill> discover(Path dir) {
        if (Files.isRegularFile(dir.resolve(SKILL_FILE))) {
            return List.of(skill(dir));
        }
        List<Skill> inSkills = children(dir.resolve("skills"));
        return !inSkills.isEmpty() ? inSkills : children(dir);
    }

    private static List<Skill> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Skill> out = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path c : children) {
                if (Files.isDirectory(c) && Files.isRegularFile(c.resolve(SKILL_FILE))) {
                    out.add(skill(c));
                }
            }
        } catch (IOException e) {
            throw SandboxException.invalid("cannot read skills directory '" + dir + "': " + e.getMessage());
        }
        out.sort(java.util.Comparator.comparing(Skill::name));
        return out;
    }

    private static Skill skill(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return new Skill(String.valueOf(abs.getFileName()), abs);
    }

    /**
     * Makes each skill visible as {@code root/<name>}: a symbolic link to its directory
     * (created with {@code root}'s parents). A link that is already there and points to the
     * same directory is kept; anything else of that name is left alone and refused.
     */
    public static void link(List<Skill> skills, Path root) {
        if (skills.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(root);
            for (Skill k : skills) {
                Path at = root.resolve(k.name());
                if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                    boolean same = Files.isSymbolicLink(at) && Files.exists(at)
                            && Files.isSameFile(at, k.directory());
                    if (same || at.toAbsolutePath().normalize().equals(k.directory())) {
                        continue;
                    }
                    throw SandboxException.invalid("cannot add skill '" + k.name() + "': '" + at
                            + "' already exists and is another skill or file");
                }
                Files.createSymbolicLink(at, k.directory());
            }
        } catch (IOException e) {
            throw SandboxException.invalid("cannot link the session's skills into '" + root + "': " + e);
        }
    }

    private static String optString(JsonObject o, String key, String where) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw SandboxException.invalid(where + "." + key + " must be a string");
        }
        return s.getString();
    }
}
