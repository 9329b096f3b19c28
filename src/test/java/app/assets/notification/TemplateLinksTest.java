package app.assets.notification;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.notification.domain.SecretLinks;
import app.assets.notification.domain.TemplateLinks;
import org.junit.jupiter.api.Test;

class TemplateLinksTest {

    static final String BASE = "https://assets.example";

    @Test
    void linksToTheBaseHostPassAndOthersAreNamed() {
        assertThat(TemplateLinks.foreignHosts("Open https://assets.example/wallet or {link}.", BASE))
                .isEmpty();
        assertThat(TemplateLinks.foreignHosts(
                        "<a href=\"https://evil.example/x\">x</a> //cdn.evil.example/y www.bad.example evil.example/path"
                                + " https://assets.example@trap.example/ https://assets.example.trap.example/",
                        BASE))
                .containsExactly(
                        "evil.example",
                        "cdn.evil.example",
                        "www.bad.example",
                        "trap.example",
                        "assets.example.trap.example");
    }

    @Test
    void emailAddressesAndWordsWithDotsAreNotLinks() {
        assertThat(TemplateLinks.foreignHosts("Write to support@other.example. Amount 1,250.50 IRR, e.g. today.", BASE))
                .isEmpty();
    }

    @Test
    void renderingReplacesForeignLinksAndKeepsOwnOnes() {
        assertThat(TemplateLinks.neutralise(
                        "Go https://evil.example/login now, or https://assets.example/wallet.", BASE, "[link removed]"))
                .isEqualTo("Go [link removed] now, or https://assets.example/wallet.");
    }

    @Test
    void singleUseTokensAreRedactedAndPutBack() {
        String link = "https://assets.example/reset-password?token=AbC_-123";
        String stored = SecretLinks.redact("Open " + link + " within 30 minutes");
        assertThat(stored).isEqualTo("Open https://assets.example/reset-password?token=•••• within 30 minutes");
        assertThat(SecretLinks.reveal(stored, link)).isEqualTo("Open " + link + " within 30 minutes");
    }
}
