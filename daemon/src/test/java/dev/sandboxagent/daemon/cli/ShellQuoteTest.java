package dev.sandboxagent.daemon.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShellQuoteTest {

    @Test
    void safeValuesStayAsTheyAre() {
        assertThat(ShellQuote.quote("sk-ant-api03_AbC.def/ghi+jk=")).isEqualTo("sk-ant-api03_AbC.def/ghi+jk=");
        assertThat(ShellQuote.quote("http://127.0.0.1:8080/v1")).isEqualTo("http://127.0.0.1:8080/v1");
    }

    @Test
    void anythingElseIsSingleQuoted() {
        assertThat(ShellQuote.quote("")).isEqualTo("''");
        assertThat(ShellQuote.quote("a b")).isEqualTo("'a b'");
        assertThat(ShellQuote.quote("$HOME `x` \"y\"")).isEqualTo("'$HOME `x` \"y\"'");
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.quote("two\nlines")).isEqualTo("'two\nlines'");
    }
}
