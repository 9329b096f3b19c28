package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikePatternTest {

    @Test
    void theTextIsFoundAnywhereTrimmedAndLowerCased() {
        assertThat(LikePattern.containing("  Canon EOS ")).isEqualTo("%canon eos%");
    }

    @Test
    void wildcardsAndTheEscapeCharacterAreTakenLiterally() {
        assertThat(LikePattern.containing("100%_off\\")).isEqualTo("%100\\%\\_off\\\\%");
    }

    @Test
    void noTextMatchesEverything() {
        assertThat(LikePattern.containing(null)).isEqualTo("%");
        assertThat(LikePattern.containing("   ")).isEqualTo("%");
    }
}
