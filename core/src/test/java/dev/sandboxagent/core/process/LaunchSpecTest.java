package dev.sandboxagent.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaunchSpecTest {

    private static final Path DIR = Path.of("/tmp");

    @Test
    void rejectsAnEmptyCommand() {
        assertThatThrownBy(() -> new LaunchSpec(List.of(), DIR, Map.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LaunchSpec.of(DIR, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LaunchSpec(List.of("sh"), null, Map.of(), Set.of()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsAVariableThatIsBothAddedAndRemoved() {
        assertThatThrownBy(() -> new LaunchSpec(List.of("sh"), DIR, Map.of("A", "1"), Set.of("A")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A");
        assertThatThrownBy(() -> new LaunchSpec(List.of("sh"), DIR, Map.of("A=B", "1"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesItsInputsAndDefaultsNullsToEmpty() {
        LaunchSpec spec = new LaunchSpec(List.of("sh", "-c", "true"), DIR, null, null);
        assertThat(spec.environment()).isEmpty();
        assertThat(spec.removedEnvironment()).isEmpty();
        assertThatThrownBy(() -> spec.command().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderLetsTheLastAddOrRemoveWin() {
        LaunchSpec spec = LaunchSpec.builder("agent", "--flag")
                .directory(DIR)
                .env("KEEP", "1")
                .env("FLIP", "2")
                .removeEnv("FLIP")
                .removeEnv("GONE")
                .env("GONE", "back")
                .build();
        assertThat(spec.command()).containsExactly("agent", "--flag");
        assertThat(spec.directory()).isEqualTo(DIR);
        assertThat(spec.environment()).isEqualTo(Map.of("KEEP", "1", "GONE", "back"));
        assertThat(spec.removedEnvironment()).containsExactly("FLIP");
    }
}
