package dev.sandboxagent.core.files;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathRulesTest {

    private static final Path BASE = Path.of("/work/session");

    @Test
    void relativePathsResolveAgainstTheBase() {
        assertThat(PathRules.resolve("notes.txt", BASE, "path")).isEqualTo(Path.of("/work/session/notes.txt"));
        assertThat(PathRules.resolve("./src/Main.java", BASE, "path")).isEqualTo(Path.of("/work/session/src/Main.java"));
        assertThat(PathRules.resolve("a//b/./c", BASE, "path")).isEqualTo(Path.of("/work/session/a/b/c"));
        assertThat(PathRules.resolve(".", BASE, "path")).isEqualTo(BASE);
        // names that only look like traversal are ordinary names
        assertThat(PathRules.resolve("...", BASE, "path")).isEqualTo(Path.of("/work/session/..."));
        assertThat(PathRules.resolve("..hidden", BASE, "path")).isEqualTo(Path.of("/work/session/..hidden"));
        assertThat(PathRules.resolve("%2e%2e/x", BASE, "path")).isEqualTo(Path.of("/work/session/%2e%2e/x"));
        assertThat(PathRules.resolve("~/x", BASE, "path")).isEqualTo(Path.of("/work/session/~/x"));
    }

    @Test
    void absolutePathsAreUsedAsGiven() {
        assertThat(PathRules.resolve("/etc/hosts", BASE, "path")).isEqualTo(Path.of("/etc/hosts"));
        assertThat(PathRules.resolve("/tmp/a/../b", BASE, "path")).isEqualTo(Path.of("/tmp/b"));
        assertThat(PathRules.resolve("//tmp//x", BASE, "path")).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void relativePathsMayNotClimbOut() {
        for (String bad : new String[]{"..", "../x", "a/../../x", "a/..", "./..", "a/b/../../..", "..\\x", "a\\..\\..\\x"}) {
            assertThatThrownBy(() -> PathRules.resolve(bad, BASE, "path")).as(bad)
                    .isInstanceOf(SandboxException.class)
                    .satisfies(e -> assertThat(((SandboxException) e).type()).isEqualTo(ErrorType.INVALID_REQUEST))
                    .hasMessageContaining("'..'");
        }
    }

    @Test
    void missingAndMalformedPaths() {
        assertThatThrownBy(() -> PathRules.resolve(null, BASE, "path")).hasMessageContaining("'path' is required");
        assertThatThrownBy(() -> PathRules.resolve("  ", BASE, "from")).hasMessageContaining("'from' is required");
        assertThatThrownBy(() -> PathRules.resolve("a\0b", BASE, "path")).hasMessageContaining("NUL");
        assertThat(PathRules.resolveOrBase(null, BASE, "path")).isEqualTo(BASE);
        assertThat(PathRules.resolveOrBase("", BASE, "path")).isEqualTo(BASE);
        assertThat(PathRules.resolveOrBase("x", BASE, "path")).isEqualTo(BASE.resolve("x"));
    }

    @Test
    void archiveEntriesStayBelowTheTarget() {
        Path target = Path.of("/up");
        assertThat(PathRules.entry("a/b.txt", target)).isEqualTo(Path.of("/up/a/b.txt"));
        assertThat(PathRules.entry("./a/", target)).isEqualTo(Path.of("/up/a"));
        assertThat(PathRules.entry("a//./b", target)).isEqualTo(Path.of("/up/a/b"));
        assertThat(PathRules.entry("./", target)).isNull();
        assertThat(PathRules.entry(".", target)).isNull();
        for (String bad : new String[]{"/etc/passwd", "../x", "a/../../x", "a/..", "..", "x\0y", "//x"}) {
            assertThatThrownBy(() -> PathRules.entry(bad, target)).as(bad).isInstanceOf(SandboxException.class);
        }
    }
}
