package dev.wedge.host.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.settings.ConfigException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The geolocation file format: the shipped sample, IPv4 and IPv6 lookups at range edges, and bad files. */
class GeoDatabaseTest {

    static final Path SAMPLE = Path.of("..", "deploy", "geo", "sample.csv");

    private static Map<String, String> find(GeoDatabase database, String address) {
        Location location = database.find(IpKey.parse(address));
        if (location == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        location.putInto(headers);
        return headers;
    }

    private static GeoDatabase read(String text) throws Exception {
        return GeoDatabase.read(new StringReader(text), "geo.csv");
    }

    @Test
    void theSampleLocatesDocumentationRangesAndLoopback() throws ConfigException {
        GeoDatabase sample = GeoDatabase.load(SAMPLE);
        assertEquals(8, sample.size());
        assertEquals(Map.of("geoip-country-code", "DE", "geoip-country-name", "Germany", "geoip-reg", "DE-BE",
                "geoip-city", "Berlin", "geoip-continent", "EU", "geoip-asn", "64497", "geoip-lat", "52.5200",
                "geoip-long", "13.4050"), find(sample, "192.0.2.0"));
        assertEquals("DE", find(sample, "192.0.2.127").get("geoip-country-code"), "the last address of a /25");
        assertEquals("FR", find(sample, "192.0.2.128").get("geoip-country-code"), "a FIRST-LAST range");
        assertEquals("FR", find(sample, "192.0.2.255").get("geoip-country-code"));
        assertEquals("Washington, D.C.", find(sample, "198.51.100.7").get("geoip-city"), "quoted commas");
        assertEquals("LU", find(sample, "127.0.0.1").get("geoip-country-code"));
        assertEquals("LU", find(sample, "::1").get("geoip-country-code"));
        assertEquals("BR", find(sample, "2001:db8::1").get("geoip-country-code"));
        assertEquals("BR", find(sample, "2001:db8:0:ffff:ffff:ffff:ffff:ffff").get("geoip-country-code"));
        assertEquals("AU", find(sample, "2001:db8:1::").get("geoip-country-code"));
        assertEquals("JP", find(sample, "::ffff:203.0.113.5").get("geoip-country-code"), "IPv4-mapped IPv6");
        assertNull(find(sample, "192.0.3.0"));
        assertNull(find(sample, "127.0.0.2"));
        assertNull(find(sample, "2001:db8:2::"));
        assertNull(find(sample, "10.0.0.1"));
    }

    @Test
    void unknownValuesAreLeftOut() throws Exception {
        GeoDatabase database = read("10.0.0.0/8,,,,Somewhere,,AS64511,,\n");
        assertEquals(Map.of("geoip-city", "Somewhere", "geoip-asn", "64511"), find(database, "10.1.2.3"));
    }

    @Test
    void badLinesAreNamedByNumber() {
        String[][] cases = {
            {"# c\n10.0.0.0/8,DE,Germany,,,EU,1,1,1\n10.1.0.0/16,FR,France,,,EU,1,1,1\n",
                "geo.csv:3: 10.1.0.0-10.1.255.255 overlaps line 2"},
            {"10.0.0.0/33,DE,,,,,,,\n", "geo.csv:1: not a CIDR block"},
            {"10.0.0.0/8,DE,,,,,,\n", "geo.csv:1: expected 9 comma-separated fields"},
            {"10.0.0.0/8,\"DE,,,,,,,\n", "a quote is not closed"},
            {"10.0.0.0/8,Germany,,,,,,,\n", "geo.csv:1: country-code must be two letters"},
            {"10.0.0.0/8,DE,,,,,x,,\n", "asn must be a number"},
            {"10.0.0.0/8,DE,,,,,,91,\n", "latitude must be between -90 and 90"},
            {"10.0.0.9-10.0.0.1,DE,,,,,,,\n", "not a CIDR block"},
            {"10.0.0.1-::2,DE,,,,,,,\n", "not a CIDR block"},
        };
        for (String[] bad : cases) {
            var error = assertThrows(ConfigException.class, () -> read(bad[0]), bad[0]);
            assertTrue(error.getMessage().contains(bad[1]), error.getMessage());
        }
    }
}
