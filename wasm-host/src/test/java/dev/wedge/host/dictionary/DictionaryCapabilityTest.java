package dev.wedge.host.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.AppSettings;
import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.run.App;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code wedge.dictionary_get} over the app's {@code dictionary} setting. */
class DictionaryCapabilityTest extends EngineTest {

    private static final AppSettings SETTINGS = new AppSettings(Limits.DEFAULT, SettingsContext.EMPTY);

    private App probe(String engine) throws ConfigException {
        AppConfig config = SETTINGS.read("probe", new Section("", Map.of("dictionary",
                Map.of("greeting", "hello", "empty", ""))));
        return Guests.load(host(engine), "dictionary_probe", config);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void entriesAreReadByNameAndMissingOnesAreNotFound(String engine) throws ConfigException {
        App app = probe(engine);
        assertEquals("hello", Guests.ok(Guests.get(host(engine), app, "/greeting")));
        assertEquals("", Guests.ok(Guests.get(host(engine), app, "/empty")));
        assertEquals(404, Guests.get(host(engine), app, "/missing").status());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anAppWithoutADictionaryFindsNothing(String engine) {
        App app = Guests.load(host(engine), "dictionary_probe", Guests.config("plain"));
        assertEquals(404, Guests.get(host(engine), app, "/greeting").status());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theEnvFillsTheDictionaryAndExplicitEntriesWin(String engine) throws ConfigException {
        AppConfig config = SETTINGS.read("env", new Section("", Map.of("dictionary", Map.of("greeting", "hello"),
                "env", Map.of("greeting", "from env", "ORIGIN", "https://origin.test"))));
        App app = Guests.load(host(engine), "dictionary_probe", config);
        assertEquals("hello", Guests.ok(Guests.get(host(engine), app, "/greeting")));
        assertEquals("https://origin.test", Guests.ok(Guests.get(host(engine), app, "/ORIGIN")));
    }

    @Test
    void theSettingIsAMapOfText() throws ConfigException {
        AppConfig config = SETTINGS.read("a", new Section("", Map.of("dictionary", Map.of("n", 1))));
        assertEquals(Map.of("n", "1"), config.settings().get(DictionaryCapability.SETTINGS).values());
        var error = assertThrows(ConfigException.class, () -> SETTINGS.read("a",
                new Section("", Map.of("dictionary", "flat"))));
        assertTrue(error.getMessage().contains("dictionary must be a map"), error.getMessage());
    }
}
