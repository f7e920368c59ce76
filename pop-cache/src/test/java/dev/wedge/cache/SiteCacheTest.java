package dev.wedge.cache;

import static dev.wedge.cache.CacheFixture.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 9111's rules as one site's cache applies them, against a real origin that counts its requests. */
class SiteCacheTest {

    private CacheFixture fixture;
    private SiteCache site;

    @BeforeEach
    void start() throws Exception {
        fixture = new CacheFixture();
        site = fixture.cache.site("shop", CacheFixture.settings());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private Reply get(String target, String... headers) {
        return fixture.get(site, target, headers);
    }

    private String body(Reply reply) {
        return fixture.body(reply);
    }

    private int count(String path) {
        return fixture.origin.count(path);
    }

    @Test
    void aFreshResponseIsServedFromTheCacheWithItsAge() {
        Reply first = get("/a?cc=max-age%3D60");
        assertEquals(200, first.status());
        assertEquals("MISS", xCache(first));
        fixture.advance(Duration.ofSeconds(10));
        Reply second = get("/a?cc=max-age%3D60");
        assertEquals(200, second.status());
        assertEquals("HIT", xCache(second));
        assertEquals("10", second.headers().get("age"));
        assertEquals("answer 1 to GET accept=null", body(second));
        assertEquals(1, count("/a"));
        assertEquals(1, site.stats().hits());
        assertEquals(1, site.stats().misses());
        assertEquals(body(second).length(), site.stats().bytesServed());
    }

    @Test
    void sMaxAgeWinsOverMaxAgeAndExpiresCounts() {
        get("/s?cc=max-age%3D0,%20s-maxage%3D60");
        assertEquals("HIT", xCache(get("/s?cc=max-age%3D0,%20s-maxage%3D60")));
        String expires = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(fixture.now.get() + 60_000).atOffset(ZoneOffset.UTC));
        String target = "/e?expires=" + expires.replace(" ", "%20").replace(",", "%2C");
        get(target);
        assertEquals("HIT", xCache(get(target)));
        fixture.advance(Duration.ofSeconds(61));
        assertEquals("MISS", xCache(get(target)));
        assertEquals(2, count("/e"));
    }

    @Test
    void whatMustNotBeStoredGoesToTheOriginEachTime() {
        for (String target : List.of("/n?cc=no-store", "/p?cc=private,%20max-age%3D60",
                "/c?cc=max-age%3D60&cookie=a%3D1", "/v?cc=max-age%3D60&vary=*", "/x?expires=garbage",
                "/r?cc=max-age%3D60&status=500", "/d")) {
            get(target);
            Reply again = get(target);
            assertEquals("MISS", xCache(again), target);
            assertEquals(2, count(target.substring(0, 2)), target);
        }
    }

    @Test
    void theSiteDefaultTtlAppliesOnlyWhereTheOriginSaysNothing() {
        site = fixture.cache.site("ttl", CacheFixture.settings(30, KeySpec.DEFAULT, 1 << 20));
        get("/t");
        assertEquals("HIT", xCache(get("/t")));
        get("/t404?status=404");
        assertEquals("HIT", xCache(get("/t404?status=404")));
        get("/t302?status=302"); // not cacheable by default: a default TTL does not make it so
        assertEquals("MISS", xCache(get("/t302?status=302")));
        get("/tz?cc=max-age%3D0"); // the origin said: not fresh
        assertEquals("MISS", xCache(get("/tz?cc=max-age%3D0")));
        fixture.advance(Duration.ofSeconds(31));
        assertEquals("MISS", xCache(get("/t")));
    }

    @Test
    void ignoringOriginHeadersCachesForTheDefaultTtl() {
        site = fixture.cache.site("ignore", new CacheSettings(true, Duration.ofSeconds(30), true, KeySpec.DEFAULT,
                1 << 20, CacheSettings.ResponseApps.ON_EVERY_RESPONSE));
        get("/i?cc=no-store");
        assertEquals("HIT", xCache(get("/i?cc=no-store")));
        assertEquals(1, count("/i"));
    }

    @Test
    void aStaleEntryIsRevalidatedWithItsEtagAndA304RefreshesIt() {
        String target = "/r?cc=max-age%3D10&etag=v1";
        get(target);
        fixture.advance(Duration.ofSeconds(11));
        Reply revalidated = get(target);
        assertEquals(200, revalidated.status());
        assertEquals("REVALIDATED", xCache(revalidated));
        assertEquals("answer 1 to GET accept=null", body(revalidated)); // the stored body: the origin sent none
        assertEquals("v1", fixture.origin.lastHeaders.get("/r").get("if-none-match"));
        assertEquals(2, count("/r"));
        assertEquals("HIT", xCache(get(target)));
        assertEquals(2, count("/r"));
    }

    @Test
    void lastModifiedRevalidatesToo() {
        String lm = "Tue,%2015%20Nov%202022%2008:12:31%20GMT";
        String target = "/l?cc=max-age%3D10&lm=" + lm;
        get(target);
        fixture.advance(Duration.ofSeconds(11));
        assertEquals("REVALIDATED", xCache(get(target)));
        assertEquals("Tue, 15 Nov 2022 08:12:31 GMT",
                fixture.origin.lastHeaders.get("/l").get("if-modified-since"));
    }

    @Test
    void noCacheIsStoredButRevalidatedEveryTime() {
        String target = "/nc?cc=no-cache&etag=v2";
        get(target);
        assertEquals("REVALIDATED", xCache(get(target)));
        assertEquals("REVALIDATED", xCache(get(target)));
        assertEquals(3, count("/nc"));
    }

    @Test
    void staleWhileRevalidateServesStaleWhileOneRefreshRuns() throws Exception {
        String target = "/w?cc=max-age%3D1,%20stale-while-revalidate%3D60";
        get(target);
        fixture.advance(Duration.ofSeconds(5));
        Reply stale = get(target);
        assertEquals("STALE", xCache(stale));
        assertEquals("answer 1 to GET accept=null", body(stale));
        CacheFixture.eventually(() -> "HIT".equals(xCache(get(target))));
        assertEquals("answer 2 to GET accept=null", body(get(target)));
        assertEquals(2, count("/w"));
    }

    @Test
    void staleIfErrorCoversAFailingOriginUnlessItMustRevalidate() {
        String target = "/f?cc=max-age%3D1,%20stale-if-error%3D60";
        get(target);
        fixture.advance(Duration.ofSeconds(5));
        fixture.origin.failing = true;
        Reply covered = get(target);
        assertEquals(200, covered.status());
        assertEquals("STALE", xCache(covered));
        fixture.origin.failing = false;
        String strict = "/m?cc=max-age%3D1,%20must-revalidate,%20stale-if-error%3D60";
        get(strict);
        fixture.advance(Duration.ofSeconds(5));
        fixture.origin.failing = true;
        assertEquals(500, get(strict).status());
    }

    @Test
    void varyKeepsOneEntryPerVariant() {
        String target = "/vary?cc=max-age%3D60&vary=Accept";
        assertEquals("MISS", xCache(get(target, "accept", "image/webp")));
        assertEquals("MISS", xCache(get(target, "accept", "image/avif")));
        Reply webp = get(target, "accept", "image/webp");
        assertEquals("HIT", xCache(webp));
        assertTrue(body(webp).endsWith("accept=image/webp"), body(webp));
        assertEquals("HIT", xCache(get(target, "accept", "image/avif")));
        assertEquals(2, count("/vary"));
    }

    @Test
    void headIsAnsweredFromACachedGet() {
        get("/h?cc=max-age%3D60");
        Reply head = CacheFixture.await(fixture.start(site, "HEAD", "/h?cc=max-age%3D60", false));
        assertEquals(200, head.status());
        assertEquals("HIT", xCache(head));
        assertEquals(1, count("/h"));
    }

    @Test
    void rangesAreServedFromTheWholeObject() throws Exception {
        String target = "/big?cc=max-age%3D60&size=5000";
        assertEquals(5000, body(get(target)).length());
        Reply first = get(target, "range", "bytes=0-99");
        assertEquals(206, first.status());
        assertEquals("bytes 0-99/5000", first.headers().get("content-range"));
        assertEquals(100, first.body().length);
        Reply last = get(target, "range", "bytes=-10");
        assertEquals(206, last.status());
        assertEquals("bytes 4990-4999/5000", last.headers().get("content-range"));
        Reply beyond = get(target, "range", "bytes=6000-");
        assertEquals(416, beyond.status());
        assertEquals("bytes */5000", beyond.headers().get("content-range"));
        assertEquals(200, get(target, "range", "bytes=0-1,5-6").status()); // several ranges: the whole body
        assertEquals(1, count("/big"));
    }

    @Test
    void aRangeMissGoesToTheOriginAndFillsTheWholeObject() throws Exception {
        String target = "/rm?cc=max-age%3D60&size=3000";
        Reply miss = get(target, "range", "bytes=0-9");
        assertEquals("MISS", xCache(miss));
        CacheFixture.eventually(() -> "HIT".equals(xCache(get(target, "range", "bytes=0-9"))));
        assertEquals(206, get(target, "range", "bytes=0-9").status());
    }

    @Test
    void authorizedRequestsUseOnlyResponsesThatAllowIt() {
        get("/auth?cc=max-age%3D60", "authorization", "Bearer x");
        assertEquals("MISS", xCache(get("/auth?cc=max-age%3D60", "authorization", "Bearer x")));
        get("/pub?cc=public,%20max-age%3D60", "authorization", "Bearer x");
        assertEquals("HIT", xCache(get("/pub?cc=public,%20max-age%3D60", "authorization", "Bearer y")));
        get("/plain?cc=max-age%3D60");
        assertEquals("MISS", xCache(get("/plain?cc=max-age%3D60", "authorization", "Bearer x")));
    }

    @Test
    void unsafeMethodsPassAndInvalidate() {
        get("/u?cc=max-age%3D60");
        Reply post = CacheFixture.await(fixture.start(site, "POST", "/u?cc=max-age%3D60", false));
        assertEquals("BYPASS", xCache(post));
        assertEquals("MISS", xCache(get("/u?cc=max-age%3D60")));
        assertEquals(3, count("/u"));
    }

    @Test
    void theControlHeaderBypassesAndNeverReachesTheOrigin() {
        get("/b?cc=max-age%3D60");
        Reply bypassed = get("/b?cc=max-age%3D60", SiteCache.CONTROL, "bypass");
        assertEquals("BYPASS", xCache(bypassed));
        assertFalse(fixture.origin.lastHeaders.get("/b").contains(SiteCache.CONTROL));
        assertEquals(2, count("/b"));
        assertEquals(1, site.stats().bypasses());
    }

    @Test
    void theClientsConditionsAreAnsweredFromTheEntry() {
        get("/cond?cc=max-age%3D60&etag=e1");
        Reply notModified = get("/cond?cc=max-age%3D60&etag=e1", "if-none-match", "e0, e1");
        assertEquals(304, notModified.status());
        assertEquals(200, get("/cond?cc=max-age%3D60&etag=e1", "if-none-match", "e2").status());
        assertEquals(1, count("/cond"));
    }

    @Test
    void theKeyTakesChosenQueryParametersAndHeaders() {
        site = fixture.cache.site("keyed", CacheFixture.settings(60, new KeySpec(List.of("x-format"), List.of("w"),
                List.of()), 1 << 20));
        get("/img?w=100&utm=a", "x-format", "webp");
        assertEquals("HIT", xCache(get("/img?w=100&utm=b", "x-format", "webp")));
        assertEquals("MISS", xCache(get("/img?w=100&utm=b", "x-format", "avif")));
        assertEquals("MISS", xCache(get("/img?w=200&utm=b", "x-format", "webp")));
        assertEquals(3, count("/img"));
    }

    @Test
    void purgesRemoveByUrlPrefixTagAndAll() {
        get("/pa/one?cc=max-age%3D60&tag=red%20blue");
        get("/pa/two?cc=max-age%3D60&tag=blue");
        get("/pb/three?cc=max-age%3D60");
        assertEquals(1, CacheFixture.await(fixture.cache.purge(new Purge(Purge.Kind.TAG, "red"))));
        assertEquals("MISS", xCache(get("/pa/one?cc=max-age%3D60&tag=red%20blue")));
        assertEquals(2, CacheFixture.await(fixture.cache.purge(new Purge(Purge.Kind.PREFIX, "http://Site.test/pa/"))));
        assertEquals("HIT", xCache(get("/pb/three?cc=max-age%3D60")));
        assertEquals(1, CacheFixture.await(fixture.cache.purge(new Purge(Purge.Kind.URL,
                "site.test/pb/three?cc=max-age%3D60"))));
        get("/pb/three?cc=max-age%3D60");
        assertEquals(1, CacheFixture.await(fixture.cache.purge(Purge.all())));
        assertEquals("MISS", xCache(get("/pb/three?cc=max-age%3D60")));
    }

    @Test
    void purgeTagsAreNotPassedOn() {
        Reply tagged = get("/tags?cc=max-age%3D60&tag=red");
        assertFalse(tagged.headers().contains("surrogate-key"));
        assertFalse(get("/tags?cc=max-age%3D60&tag=red").headers().contains("surrogate-key"));
    }
}
