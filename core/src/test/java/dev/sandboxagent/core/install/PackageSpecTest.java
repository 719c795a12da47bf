package dev.sandboxagent.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PackageSpecTest {

    @Test
    void registryPackagesGetTheVersionAppended() {
        PackageSpec spec = PackageSpec.of("@anthropic-ai/claude-code", "1.0.98");
        assertThat(spec.isLocal()).isFalse();
        assertThat(spec.registryName()).hasValue("@anthropic-ai/claude-code");
        assertThat(spec.npmArgument()).isEqualTo("@anthropic-ai/claude-code@1.0.98");
        assertThat(PackageSpec.of("opencode-ai", null).npmArgument()).isEqualTo("opencode-ai");
    }

    @Test
    void localPathsAndFileSpecsAreUsedAsAbsolutePaths() {
        assertThat(PackageSpec.of("/tmp/pkg", "1.0.0").npmArgument()).isEqualTo("/tmp/pkg");
        assertThat(PackageSpec.of("file:/tmp/pkg/../pkg", null).npmArgument()).isEqualTo("/tmp/pkg");
        PackageSpec relative = PackageSpec.of("./agent.tgz", null);
        assertThat(relative.local()).isEqualTo(Path.of("agent.tgz").toAbsolutePath());
        assertThat(relative.registryName()).isEmpty();
        assertThat(relative).hasToString("./agent.tgz");
    }

    @Test
    void rejectsAnythingElse() {
        for (String bad : new String[] {"--global", "git+https://x/y.git", "user/repo", "Pkg", "a b"}) {
            assertThatThrownBy(() -> PackageSpec.of(bad, null)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PackageSpec.of("pkg", "-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackageSpec.of("pkg", "1 || 2")).isInstanceOf(IllegalArgumentException.class);
    }
}
