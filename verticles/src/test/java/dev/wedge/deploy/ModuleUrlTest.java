package dev.wedge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A module-url's credentials never show (the addresses it may reach: wasm-host's net/AddressPolicyTest). */
class ModuleUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://user:hunter2@artifacts.example.com/shop.wasm",
        "https://user:hunter2@artifacts.example.com:8443",
        "http://hunter2@10.0.0.1/x.wasm",
        "https://user:hun/ter2@host.example/x.wasm", // a stray slash in the password: not a valid URL
        "https://user:p@ss@hunter2@host.example/x.wasm",
        "https://host.example/x.wasm?token=hunter2",
        "https://host.example/x.wasm#hunter2",
        "user:hunter2@host.example/x.wasm", // no scheme
        "http://user:hunter2@exa mple.com/x.wasm", // does not parse
    })
    void credentialsNeverShow(String url) {
        String shown = ModuleUrl.redact(url);
        assertFalse(shown.contains("hunter2"), shown);
        assertFalse(shown.contains("ter2"), shown);
        DeployException refused = assertThrows(DeployException.class, () -> {
            ModuleUrl parsed = ModuleUrl.parse(url);
            throw new DeployException(502, "download-failed", "could not download " + parsed.shown());
        });
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    @Test
    void whatIsNotSecretStays() {
        assertEquals("https://***@artifacts.example.com:8443/shop/1.4.wasm",
                ModuleUrl.redact("https://user:pw@artifacts.example.com:8443/shop/1.4.wasm"));
        assertEquals("https://artifacts.example.com/shop.wasm?***",
                ModuleUrl.redact("https://artifacts.example.com/shop.wasm?X-Amz-Signature=abc"));
        assertEquals("https://artifacts.example.com/shop.wasm",
                ModuleUrl.redact("https://artifacts.example.com/shop.wasm"));
    }

    @Test
    void urlCredentialsAreSentAsBasicAuthentication() {
        ModuleUrl url = ModuleUrl.parse("https://user:hunter2@artifacts.example.com/shop.wasm?v=1");
        assertEquals("Basic dXNlcjpodW50ZXIy", url.basicAuthorization());
        assertEquals("/shop.wasm?v=1", url.target());
        assertEquals(443, url.port());
        assertEquals(null, ModuleUrl.parse("http://a.example/").basicAuthorization());
        assertEquals("::1", ModuleUrl.parse("http://[::1]:8080/").hostToResolve());
    }
}
