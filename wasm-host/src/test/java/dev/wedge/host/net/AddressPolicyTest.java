package dev.wedge.host.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.settings.ConfigException;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The addresses the node may reach for others (deploys by URL, outbound calls), and how hosts are read. */
class AddressPolicyTest {

    private static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(List.of());

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "100.127.255.254", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9",
        "192.31.196.1", "192.52.193.1", "192.175.48.1", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::",
        "::ffff:127.0.0.1", "::127.0.0.1", "::ffff:0:a00:1", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
        "2001:db8::1", "64:ff9b::a00:1", "2002:a00:1::1", "2002:7f00:1::1", "100::1", "2001::1", "5f00::1",
        "fd00:ec2::254"})
    void privateLoopbackLinkLocalAndReservedAddressesAreRefused(String address) throws Exception {
        assertFalse(PUBLIC_ONLY.permits(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "100.128.0.1", "2606:4700:4700::1111", "64:ff9b::101:101",
        "2002:101:101::1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertTrue(PUBLIC_ONLY.permits(InetAddress.getByName(address)), address);
    }

    @Test
    void theConfigMayAllowPrivateBlocks() throws Exception {
        var policy = new AddressPolicy(List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("10.20.0.0/16")));
        assertTrue(policy.permits(InetAddress.getByName("127.0.0.1")));
        assertTrue(policy.permits(InetAddress.getByName("10.20.3.4")));
        assertFalse(policy.permits(InetAddress.getByName("127.0.0.2")));
        assertFalse(policy.permits(InetAddress.getByName("10.21.0.1")));
        assertFalse(policy.permits(InetAddress.getByName("169.254.169.254")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "app.localhost", "a.b.localhost", "metadata",
        "metadata.google.internal", "instance-data"})
    void specialNamesAreRefusedBeforeAnyLookup(String name) {
        assertFalse(PUBLIC_ONLY.permitsName(name), name);
    }

    @Test
    void namesMayBeAllowedExplicitly() {
        var policy = new AddressPolicy(List.of(), Set.of("localhost"));
        assertTrue(policy.permitsName("localhost"));
        assertTrue(policy.allowsByName("Localhost"));
        assertFalse(policy.permitsName("app.localhost"));
        assertTrue(policy.permitsName("example.com"));
        assertFalse(policy.allowsByName("example.com"));
    }

    @ParameterizedTest
    @CsvSource({
        "2130706433, 127.0.0.1", "0x7f000001, 127.0.0.1", "0177.0.0.1, 127.0.0.1", "0x7f.1, 127.0.0.1",
        "127.1, 127.0.0.1", "0x7F.0.0.0x1, 127.0.0.1", "017700000001, 127.0.0.1", "10.0.0.1., 10.0.0.1",
        "0, 0.0.0.0", "169.254.43518, 169.254.169.254", "[::ffff:127.0.0.1], 127.0.0.1", "[::1], 0:0:0:0:0:0:0:1",
        "[::ffff:7f00:1], 127.0.0.1"})
    void everySpellingOfAnAddressIsThatAddress(String host, String address) {
        InetAddress parsed = HostLiteral.parse(host);
        assertEquals(address, parsed.getHostAddress(), host);
        assertFalse(PUBLIC_ONLY.permits(parsed), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.256", "1.2.3.4.5", "0x1.0x100.1.1", "4294967296", "09.1.1.1",
        "[::g]", "[::1"})
    void aNumericHostThatIsNoAddressIsRefused(String host) {
        assertThrows(IllegalArgumentException.class, () -> HostLiteral.parse(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.example", "a1", "0x7f.example"})
    void namesAreNames(String host) {
        assertNull(HostLiteral.parse(host), host);
    }

    @Test
    void blocksParse() throws ConfigException {
        assertTrue(Cidr.parse("fe80::/10").contains(HostLiteral.parse("[febf::1]")));
        assertThrows(ConfigException.class, () -> Cidr.parse("example.com"));
    }
}
