package dev.sandboxagent.core.spi;

import dev.sandboxagent.core.error.SandboxException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionSkillsTest {

    @TempDir
    Path dir;

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s.replace('\'', '"'))).readObject();
    }

    private Path skill(Path parent, String name) throws IOException {
        Path d = Files.createDirectories(parent.resolve(name));
        Files.writeString(d.resolve("SKILL.md"), "---\nname: " + name + "\ndescription: the " + name + " skill\n---\nDo it.\n");
        return d;
    }

    private List<SessionSkills.Skill> resolve(String config) {
        return SessionSkills.resolve(SessionSkills.parse(json(config)), dir);
    }

    @Test
    void discoveryFollowsTheThreeRules() throws IOException {
        Path single = skill(dir, "single");
        skill(dir.resolve("repo/skills"), "alpha");
        skill(dir.resolve("repo/skills"), "beta");
        skill(dir.resolve("repo"), "ignored-when-skills-folder-exists");
        skill(dir.resolve("flat"), "gamma");
        Files.createDirectories(dir.resolve("flat/not-a-skill"));

        assertThat(resolve("{'sources':[{'type':'local','source':'single'}]}"))
                .containsExactly(new SessionSkills.Skill("single", single));
        assertThat(resolve("{'sources':[{'type':'local','source':'" + dir.resolve("repo") + "'}]}"))
                .extracting(SessionSkills.Skill::name).containsExactly("alpha", "beta");
        assertThat(resolve("{'sources':[{'type':'local','source':'repo','skills':['beta']}]}"))
                .extracting(SessionSkills.Skill::name).containsExactly("beta");
        assertThat(resolve("{'sources':[{'type':'local','source':'.','subpath':'flat'}]}"))
                .extracting(SessionSkills.Skill::name).containsExactly("gamma");
        assertThat(SessionSkills.resolve(SessionSkills.parse(null), dir)).isEmpty();
    }

    @Test
    void refusals() throws IOException {
        skill(dir.resolve("repo/skills"), "alpha");
        skill(dir.resolve("other/skills"), "alpha");
        Files.createDirectories(dir.resolve("empty"));
        String[][] cases = {
                {"{'sources':[{'type':'github','source':'org/skills'}]}", "upload-batch"},
                {"{'sources':[{'type':'git','source':'https://git.example/s.git'}]}", "type 'local'"},
                {"{'sources':[{'type':'ftp','source':'x'}]}", "unknown skills source type"},
                {"{'sources':[{'type':'local','source':'missing'}]}", "not a directory"},
                {"{'sources':[{'type':'local','source':'empty'}]}", "no skills found"},
                {"{'sources':[{'type':'local','source':'repo','skills':['alpha','zeta']}]}", "[zeta]"},
                {"{'sources':[{'type':'local','source':'repo'},{'type':'local','source':'other'}]}", "two skills"},
                {"{'sources':[{'type':'local','source':'../up'}]}", "'..'"},
                {"{'sources':[{'type':'local','source':'repo','subpath':'/abs'}]}", "relative"},
                {"{'sources':'x'}", "skills.sources"},
                {"{'sources':[{'type':'local'}]}", "'type' and 'source'"},
                {"{'sources':[{'type':'local','source':'repo','skills':'alpha'}]}", ".skills"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> resolve(c[0])).as(c[0]).isInstanceOf(SandboxException.class).hasMessageContaining(c[1]);
        }
    }

    @Test
    void linkingIsIdempotentAndNeverReplacesAnotherSkill() throws IOException {
        Path a = skill(dir.resolve("src"), "a");
        Path root = dir.resolve("project/.claude/skills");
        var skills = List.of(new SessionSkills.Skill("a", a));
        SessionSkills.link(skills, root);
        assertThat(Files.isSymbolicLink(root.resolve("a"))).isTrue();
        assertThat(root.resolve("a/SKILL.md")).exists();
        SessionSkills.link(skills, root); // again: kept
        skill(root, "b");
        assertThatThrownBy(() -> SessionSkills.link(List.of(new SessionSkills.Skill("b", a)), root))
                .isInstanceOf(SandboxException.class).hasMessageContaining("already exists");
        assertThat(Files.isSymbolicLink(root.resolve("b"))).isFalse();
    }
}
