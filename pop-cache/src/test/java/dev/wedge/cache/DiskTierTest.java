package dev.wedge.cache;

import static dev.wedge.cache.CacheFixture.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk tier: it survives a restart, and a body that changed on disk is dropped, never served. */
class DiskTierTest {

    @TempDir
    Path dir;

    private CacheFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new CacheFixture();
    }

    @AfterEach
    void stop() throws Exception {
        if (restartedCache != null) {
            CacheFixture.await(restartedCache.close());
        }
        fixture.close();
    }

    /** Stores {@code target} through a cache over the directory, then closes that cache (a node stopping). */
    private void storeAndStop(String target) throws Exception {
        HttpCache first = fixture.openWithDisk(dir, 1 << 20);
        SiteCache site = first.site("shop", CacheFixture.settings());
        assertEquals("MISS", xCache(fixture.get(site, target)));
        CacheFixture.eventually(() -> bodies().size() == 1); // written behind the answer
        CacheFixture.await(first.close());
    }

    private HttpCache restartedCache;

    /** A new cache over the same directory: what a node finds when it starts again. */
    private SiteCache restarted() {
        restartedCache = fixture.openWithDisk(dir, 1 << 20);
        return restartedCache.site("shop", CacheFixture.settings());
    }

    private List<Path> bodies() {
        try (Stream<Path> files = Files.list(dir.resolve("bodies"))) {
            return files.filter(file -> file.toString().endsWith(".body")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void entriesSurviveARestart() throws Exception {
        storeAndStop("/kept?cc=max-age%3D600&vary=accept");
        Reply hit = fixture.get(restarted(), "/kept?cc=max-age%3D600&vary=accept");
        assertEquals("HIT", xCache(hit));
        assertEquals("answer 1 to GET accept=null", fixture.body(hit));
        assertEquals(1, fixture.origin.count("/kept"));
    }

    @Test
    void aCorruptBodyIsDroppedNotServed() throws Exception {
        storeAndStop("/corrupt?cc=max-age%3D600");
        Path body = bodies().get(0);
        byte[] bytes = Files.readAllBytes(body);
        bytes[0] ^= 1;
        Files.write(body, bytes);
        Reply again = fixture.get(restarted(), "/corrupt?cc=max-age%3D600");
        assertEquals("MISS", xCache(again));
        assertEquals("answer 2 to GET accept=null", fixture.body(again));
    }

    @Test
    void aTruncatedBodyIsDroppedNotServed() throws Exception {
        storeAndStop("/short?cc=max-age%3D600");
        Path body = bodies().get(0);
        Files.write(body, new byte[] {'a'});
        assertEquals("MISS", xCache(fixture.get(restarted(), "/short?cc=max-age%3D600")));
        assertEquals(2, fixture.origin.count("/short"));
    }

    @Test
    void theDiskTierKeepsToItsSize() throws Exception {
        HttpCache cache = fixture.openWithDisk(dir, 12_000);
        SiteCache site = cache.site("shop", CacheFixture.settings());
        for (int i = 0; i < 4; i++) {
            fixture.body(fixture.get(site, "/sized" + i + "?cc=max-age%3D600&size=5000"));
        }
        CacheFixture.await(cache.close()); // after the writes under way
        assertEquals(2, bodies().size());
        SiteCache again = restarted();
        assertEquals("HIT", xCache(fixture.get(again, "/sized3?cc=max-age%3D600&size=5000")));
        assertEquals("MISS", xCache(fixture.get(again, "/sized0?cc=max-age%3D600&size=5000"))); // the oldest went
        assertTrue(restartedCache.storedBytes("shop") >= 10_000, "stored bytes count the disk tier's");
    }
}
