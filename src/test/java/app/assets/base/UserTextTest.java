package app.assets.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserTextTest {

    @Test
    void aOneLineFieldLosesLineBreaksAndControlCharactersButKeepsPersianAsTyped() {
        assertThat(UserText.line(" Eve\r\nINFO forged\u0000\u0007\u001b[31m ")).isEqualTo("Eve INFO forged[31m");
        assertThat(UserText.line("a\tb\u2028c\u2029d\u0085e\rf\ng")).isEqualTo("a b c d e f g");
        assertThat(UserText.line("دوربین می\u200cخواهم 📷"))
                .as("zero-width non-joiner and emoji stay")
                .isEqualTo("دوربین می\u200cخواهم 📷");
        assertThat(UserText.line(null)).isEmpty();
    }

    @Test
    void aMultiLineFieldKeepsPlainLineBreaksAndTabsOnly() {
        assertThat(UserText.lines("one\r\ntwo\rthree\nfour\u2028five\u0000\tsix\r\n"))
                .isEqualTo("one\ntwo\nthree\nfour\nfive\tsix");
        assertThat(UserText.lines(null)).isEmpty();
    }

    @Test
    void controlCharactersAreFound() {
        assertThat(UserText.hasControl("eve\u0000@example.com")).isTrue();
        assertThat(UserText.hasControl("eve@example.com")).isFalse();
        assertThat(UserText.hasControl("a\u2028b")).isTrue();
    }
}
