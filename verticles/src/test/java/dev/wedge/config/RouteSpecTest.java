package dev.wedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.RouteTable;
import dev.wedge.settings.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteSpecTest {

    @Test
    void pathPrefixesMatchWholeSegments() throws ConfigException {
        RouteSpec api = RouteSpec.parse("/api/");
        assertEquals("/api", api.pathPrefix());
        assertTrue(api.matchesPath("/api"));
        assertTrue(api.matchesPath("/api/v1"));
        assertFalse(api.matchesPath("/apiary"));
        assertTrue(RouteSpec.parse("/").matchesPath("/anything"));
        assertEquals("", RouteSpec.parse("/").scriptName());
    }

    @Test
    void hostsMatchExactlyOrByWildcard() throws ConfigException {
        assertTrue(RouteSpec.parse("Shop.Example/x").matchesHost("shop.example"));
        assertFalse(RouteSpec.parse("shop.example/x").matchesHost("www.shop.example"));
        RouteSpec wildcard = RouteSpec.parse("*.example/");
        assertTrue(wildcard.matchesHost("a.example"));
        assertTrue(wildcard.matchesHost("a.b.example"));
        assertFalse(wildcard.matchesHost("example"));
    }

    @Test
    void mostSpecificRouteWins() throws ConfigException {
        var table = new RouteTable(List.of(
                new RouteTable.Route(RouteSpec.parse("/"), null),
                new RouteTable.Route(RouteSpec.parse("/a/b"), null),
                new RouteTable.Route(RouteSpec.parse("/a"), null),
                new RouteTable.Route(RouteSpec.parse("*.h.test/"), null),
                new RouteTable.Route(RouteSpec.parse("x.h.test/"), null)));
        assertEquals("/a/b", table.match("other", "/a/b/c").spec().toString());
        assertEquals("/a", table.match("other", "/a/x").spec().toString());
        assertEquals("/", table.match("other", "/z").spec().toString());
        assertEquals("x.h.test/", table.match("x.h.test", "/a/b").spec().toString());
        assertEquals("*.h.test/", table.match("y.h.test", "/a/b").spec().toString());
    }
}
