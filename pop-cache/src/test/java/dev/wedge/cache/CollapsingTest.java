package dev.wedge.cache;

import static dev.wedge.cache.CacheFixture.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent misses collapse into one origin request; bodies stream to the client while they are stored. */
class CollapsingTest {

    private CacheFixture fixture;
    private SiteCache site;

    @BeforeEach
    void start() throws Exception {
        fixture = new CacheFixture();
        site = fixture.cache.site("shop", CacheFixture.settings(0, KeySpec.DEFAULT, 100_000));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aHundredConcurrentMissesMakeOneOriginRequest() throws Exception {
        fixture.origin.gate = Promise.promise(); // the origin holds its answer until every request is in
        String target = "/hot?cc=max-age%3D60";
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(fixture.start(site, "GET", target, false));
        }
        CacheFixture.eventually(() -> fixture.origin.count("/hot") == 1);
        fixture.origin.gate.complete();
        Map<String, Long> labels = replies.stream().map(CacheFixture::await)
                .peek(reply -> assertEquals(200, reply.status()))
                .collect(Collectors.groupingBy(CacheFixture::xCache, Collectors.counting()));
        assertEquals(Map.of("MISS", 1L, "HIT", 99L), labels);
        assertEquals(1, fixture.origin.count("/hot"));
    }

    @Test
    void collapsedRequestsAskTheOriginThemselvesWhenTheAnswerMayNotBeStored() throws Exception {
        fixture.origin.gate = Promise.promise();
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replies.add(fixture.start(site, "GET", "/private?cc=private", false));
        }
        CacheFixture.eventually(() -> fixture.origin.count("/private") == 1);
        fixture.origin.gate.complete();
        replies.forEach(reply -> assertEquals("MISS", xCache(CacheFixture.await(reply))));
        assertEquals(3, fixture.origin.count("/private"));
    }

    @Test
    void aFillWhoseAnswerIsNeverReadReleasesItsKeyAfterTheWait() {
        String target = "/lost?cc=max-age%3D60&size=5000";
        Duration wait = Duration.ofMillis(200); // what this test is about
        Reply lost = CacheFixture.await(fixture.start(site, "GET", target, true, wait)); // never piped nor discarded
        assertEquals("MISS", xCache(lost));
        Reply next = CacheFixture.await(fixture.start(site, "GET", target, true, wait));
        assertEquals("MISS", xCache(next), "the next request went to the origin once the wait was over");
        assertEquals(5000, fixture.body(next).length());
        Reply leader = CacheFixture.await(fixture.start(site, "GET", target, true)); // the key is free: it leads
        assertEquals(5000, fixture.body(leader).length());
        assertEquals("HIT", xCache(CacheFixture.await(fixture.start(site, "GET", target, true))));
        assertEquals(3, fixture.origin.count("/lost"));
    }

    @Test
    void aStreamedBodyIsStoredAsItPassesToTheClient() {
        String target = "/stream?cc=max-age%3D60&size=50000";
        Reply miss = CacheFixture.await(fixture.start(site, "GET", target, true));
        assertNotNull(miss.stream(), "the origin's body streams on a miss");
        assertEquals(50_000, fixture.body(miss).length());
        Reply hit = CacheFixture.await(fixture.start(site, "GET", target, true));
        assertEquals("HIT", xCache(hit));
        assertEquals(50_000, fixture.body(hit).length());
        assertEquals(1, fixture.origin.count("/stream"));
    }

    @Test
    void anObjectOverTheLimitPassesThroughUnstored() {
        String target = "/huge?cc=max-age%3D60&size=150000";
        Function<Reply, Integer> length = reply -> fixture.body(reply).length();
        assertEquals(150_000, length.apply(CacheFixture.await(fixture.start(site, "GET", target, true))));
        Reply again = CacheFixture.await(fixture.start(site, "GET", target, true));
        assertEquals("MISS", xCache(again));
        assertEquals(150_000, length.apply(again));
        assertEquals(2, fixture.origin.count("/huge"));
    }

    @Test
    void aRangeMissOverTheLimitIsNotFilledInTheBackground() throws Exception {
        String target = "/video?cc=max-age%3D60&size=150000";
        Reply first = CacheFixture.await(fixture.start(site, "GET", target, true, "range", "bytes=0-9"));
        assertEquals("MISS", xCache(first));
        fixture.body(first);
        CacheFixture.eventually(() -> fixture.origin.count("/video") == 2); // the request, and the fill it began
        Reply second = CacheFixture.await(fixture.start(site, "GET", target, true, "range", "bytes=0-9"));
        assertEquals("MISS", xCache(second), "the fill gave the object up: it is over max-object-bytes");
        fixture.body(second);
    }

    @Test
    void aBodyTheClientGaveUpIsNotStored() {
        String target = "/gone?cc=max-age%3D60&size=5000";
        Reply miss = CacheFixture.await(fixture.start(site, "GET", target, true));
        miss.stream().discard();
        Reply again = CacheFixture.await(fixture.start(site, "GET", target, true));
        assertEquals("MISS", xCache(again));
        assertEquals(5000, fixture.body(again).length());
        assertEquals(2, fixture.origin.count("/gone"));
    }
}
