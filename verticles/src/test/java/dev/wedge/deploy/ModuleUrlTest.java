package dev.wedge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestNodes;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A module-url's credentials never show, and the addresses it may reach. */
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

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "100.127.255.254", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9",
        "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "::ffff:127.0.0.1", "::127.0.0.1",
        "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "2001:db8::1", "64:ff9b::a00:1", "2002:a00:1::1",
        "2002:7f00:1::1", "100::1", "2001::1"})
    void privateLoopbackLinkLocalAndReservedAddressesAreRefused(String address) throws Exception {
        assertFalse(new AddressPolicy(List.of()).permits(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "100.128.0.1", "2606:4700:4700::1111", "64:ff9b::101:101",
        "2002:101:101::1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertTrue(new AddressPolicy(List.of()).permits(InetAddress.getByName(address)), address);
    }

    @Test
    void theNodeConfigMayAllowPrivateBlocks() throws Exception {
        var policy = new AddressPolicy(List.of(TestNodes.cidr("127.0.0.1/32"), TestNodes.cidr("10.20.0.0/16")));
        assertTrue(policy.permits(InetAddress.getByName("127.0.0.1")));
        assertTrue(policy.permits(InetAddress.getByName("10.20.3.4")));
        assertFalse(policy.permits(InetAddress.getByName("127.0.0.2")));
        assertFalse(policy.permits(InetAddress.getByName("10.21.0.1")));
        assertFalse(policy.permits(InetAddress.getByName("169.254.169.254")));
    }
}
