package dev.sandboxagent.core.files;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MimeTypesTest {

    @Test
    void byExtensionWithAFallback() {
        assertThat(MimeTypes.of(Path.of("/x/a.png"))).isEqualTo("image/png");
        assertThat(MimeTypes.of(Path.of("A.JPG"))).isEqualTo("image/jpeg");
        assertThat(MimeTypes.of(Path.of("notes.txt"))).isEqualTo("text/plain");
        assertThat(MimeTypes.of(Path.of("data.json"))).isEqualTo("application/json");
        assertThat(MimeTypes.of(Path.of("noextension"))).isNotBlank();
        assertThat(MimeTypes.of(Path.of("file.zzunknownzz"))).isEqualTo(MimeTypes.OCTET_STREAM);
        assertThat(MimeTypes.of(Path.of(".hidden"))).isNotBlank();
        assertThat(MimeTypes.of(Path.of("/"))).isEqualTo(MimeTypes.OCTET_STREAM);
        assertThat(MimeTypes.known(Path.of("trailing."))).isNull();
    }

    @Test
    void images() {
        assertThat(MimeTypes.isImage("image/png")).isTrue();
        assertThat(MimeTypes.isImage("IMAGE/webp")).isTrue();
        assertThat(MimeTypes.isImage("text/plain")).isFalse();
        assertThat(MimeTypes.isImage(null)).isFalse();
    }
}
