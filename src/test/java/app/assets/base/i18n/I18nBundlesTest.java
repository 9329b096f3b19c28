package app.assets.base.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The English and Persian bundles say the same things, and every text the code asks for exists. */
class I18nBundlesTest {

    /** {@code getTranslation("literal.key"} anywhere in main code (views, layouts, services). */
    private static final Pattern TRANSLATION_CALL = Pattern.compile("getTranslation\\(\\s*\"([^\"]+)\"");

    private static final Properties ENGLISH = load("messages.properties");
    private static final Properties PERSIAN = load("messages_fa.properties");

    @Test
    void bothBundlesHaveTheSameKeys() {
        assertThat(new TreeSet<>(PERSIAN.stringPropertyNames()))
                .as("keys missing in messages_fa.properties")
                .containsAll(ENGLISH.stringPropertyNames());
        assertThat(new TreeSet<>(ENGLISH.stringPropertyNames()))
                .as("keys missing in messages.properties")
                .containsAll(PERSIAN.stringPropertyNames());
    }

    @Test
    void noKeyIsDefinedTwice() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_fa.properties"}) {
            var seen = new TreeSet<String>();
            var twice = new TreeSet<String>();
            // A properties file lets a later line silently replace an earlier one: find such keys.
            for (String line : Files.readAllLines(Path.of("src/main/resources", bundle))) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!") || !trimmed.contains("=")) {
                    continue;
                }
                String key = trimmed.substring(0, trimmed.indexOf('=')).strip();
                if (!seen.add(key)) {
                    twice.add(key);
                }
            }
            assertThat(twice).as("keys defined twice in " + bundle).isEmpty();
        }
    }

    @Test
    void noTextIsEmpty() {
        for (var bundle : new Properties[] {ENGLISH, PERSIAN}) {
            bundle.stringPropertyNames()
                    .forEach(key -> assertThat(bundle.getProperty(key))
                            .as("value of " + key)
                            .isNotBlank());
        }
    }

    @Test
    void everyKeyTheCodeAsksForExistsInBothLanguages() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                try {
                    var matcher = TRANSLATION_CALL.matcher(Files.readString(f));
                    while (matcher.find()) {
                        used.add(matcher.group(1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(used).as("translation keys found in the code").hasSizeGreaterThan(50);
        // A literal ending in "." is a prefix the code completes (an enum name): both bundles must have such keys.
        var prefixes = used.stream().filter(k -> k.endsWith(".")).toList();
        used.removeAll(prefixes);
        assertThat(ENGLISH.stringPropertyNames())
                .as("keys used in code but missing in English")
                .containsAll(used);
        assertThat(PERSIAN.stringPropertyNames())
                .as("keys used in code but missing in Persian")
                .containsAll(used);
        for (String prefix : prefixes) {
            assertThat(ENGLISH.stringPropertyNames())
                    .as("English keys under " + prefix)
                    .anyMatch(k -> k.startsWith(prefix));
            assertThat(PERSIAN.stringPropertyNames())
                    .as("Persian keys under " + prefix)
                    .anyMatch(k -> k.startsWith(prefix));
        }
    }

    @Test
    void persianTextsAreWrittenInPersian() {
        long persianScript = PERSIAN.stringPropertyNames().stream()
                .filter(key -> PERSIAN.getProperty(key)
                        .codePoints()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC))
                .count();
        // app.name and a few codes may stay Latin; nearly everything else is Persian
        assertThat(persianScript).isGreaterThan(PERSIAN.size() * 9L / 10);
    }

    private static Properties load(String name) {
        var properties = new Properties();
        try (InputStream in = I18nBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            // Properties.load(InputStream) reads ISO-8859-1; the bundles are UTF-8 as ResourceBundle reads them
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
