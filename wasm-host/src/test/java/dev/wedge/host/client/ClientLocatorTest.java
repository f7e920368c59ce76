package dev.wedge.host.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who the client is (trusted proxies), where (database, overrides, fixed values), and spoofed headers. */
class ClientLocatorTest {

    private static GeoDatabase database(String text) {
        try {
            return GeoDatabase.read(new StringReader(text), "test");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final GeoDatabase WORLD = database("""
            192.0.2.0/24,DE,Germany,,Berlin,EU,64497,,
            198.51.100.0/24,US,United States,,,NA,64499,,
            203.0.113.0/24,JP,Japan,,Tokyo,AS,64500,,
            """);

    private static ClientLocator locator(GeoDatabase overrides, Map<String, String> fixed) {
        return new ClientLocator(WORLD, overrides, List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("::1")),
                Map.of("pop-city", "luxembourg"), fixed);
    }

    private static AppRequest from(String peer, String... headers) {
        var request = AppRequest.of("GET", "/", Headers.of(headers), new byte[0]);
        return new AppRequest(request.method(), request.url(), request.path(), request.query(), request.headers(),
                request.body(), peer, "app.example", 80, "");
    }

    private static String country(ClientInfo info) {
        return info.values().get("geoip-country-code");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        ClientInfo info = locator(GeoDatabase.EMPTY, Map.of()).locate(from("192.0.2.1", "x-real-ip", "203.0.113.1",
                "x-forwarded-for", "203.0.113.1"));
        assertEquals("192.0.2.1", info.address());
        assertEquals("DE", country(info));
        assertEquals("192.0.2.1", info.values().get("x-real-ip"));
        assertEquals("app.example", info.values().get("server_name"));
        assertEquals("luxembourg", info.values().get("pop-city"));
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        ClientLocator locator = locator(GeoDatabase.EMPTY, Map.of());
        assertEquals("JP", country(locator.locate(from("10.1.1.1", "x-real-ip", "203.0.113.1"))));
        assertEquals("US", country(locator.locate(from("::1", "x-forwarded-for", "203.0.113.1, 198.51.100.4"))),
                "the last hop a trusted proxy added");
        assertEquals("JP", country(locator.locate(from("10.1.1.1",
                "x-forwarded-for", "192.0.2.9, 203.0.113.1, 10.2.2.2"))), "trusted hops are skipped from the end");
        assertEquals("10.2.2.2", locator.locate(from("10.1.1.1", "x-forwarded-for", "192.0.2.9, garbage, 10.2.2.2"))
                .address(), "nothing before a hop that is no address can be believed");
        assertEquals("10.1.1.1", locator.locate(from("10.1.1.1")).address(), "without a word, the peer");
    }

    @Test
    void overridesWinOverTheDatabaseAndFixedValuesOverBoth() {
        GeoDatabase overrides = database("192.0.2.7,FR,France,,Paris,EU,,,\n");
        ClientLocator locator = locator(overrides, Map.of());
        assertEquals("FR", country(locator.locate(from("192.0.2.7"))));
        assertEquals("Paris", locator.locate(from("192.0.2.7")).values().get("geoip-city"));
        assertEquals("DE", country(locator.locate(from("192.0.2.8"))));
        ClientLocator fixed = locator(overrides, Map.of("geoip-country-code", "BR", "pop-city", "paris"));
        assertEquals("BR", country(fixed.locate(from("192.0.2.7"))));
        assertEquals("paris", fixed.locate(from("192.0.2.7")).values().get("pop-city"));
        assertEquals(Map.of("pop-city", "paris"), fixed.withoutClient().values(), "a message gets the PoP only");
    }

    @Test
    void theAppSeesTheNodesHeadersNeverTheClientsOwn() {
        AppRequest sent = from("198.51.100.4", "geoip-country-code", "XX", "Pop-City", "nowhere", "x-real-ip",
                "1.2.3.4", "server_name", "evil", "geoip-lat", "0", "accept", "*/*");
        AppRequest seen = locator(GeoDatabase.EMPTY, Map.of()).locate(sent).applyTo(sent);
        assertEquals("US", seen.headers().get("geoip-country-code"));
        assertEquals("luxembourg", seen.headers().get("pop-city"));
        assertEquals("198.51.100.4", seen.headers().get("x-real-ip"));
        assertEquals("app.example", seen.headers().get("server_name"));
        assertNull(seen.headers().get("geoip-lat"), "a value the node does not know is not the client's either");
        assertEquals("*/*", seen.headers().get("accept"));
        assertEquals("198.51.100.4", seen.remoteAddress());
        assertFalse(seen.headers().entries().toString().contains("XX"));
    }
}
