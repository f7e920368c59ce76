package dev.wedge.kv.redis;

import dev.wedge.kv.KvStore;
import dev.wedge.kv.ScanPage;
import dev.wedge.kv.ScoredMember;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis-backed store through a pooled Vert.x Redis client. Every command has the store's timeout; the pool
 * opens fresh connections on demand, so a restarted Redis is used again without any action.
 */
public final class RedisKvStore implements KvStore {

    private static final int POOL_SIZE = 32;
    private static final int POOL_WAITING = 1024;
    /** Compare-and-set in one round trip: ARGV[1] is 1 when the key must be absent. */
    private static final String CAS_SCRIPT = """
            local current = redis.call('GET', KEYS[1])
            if ARGV[1] == '1' then
              if current then return 0 end
            elseif current ~= ARGV[2] then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[3])
            return 1
            """;

    private final Redis client;
    private final long timeoutMillis;

    public RedisKvStore(Vertx vertx, String url, Duration timeout) {
        var options = new RedisOptions()
                .setConnectionString(url)
                .setMaxPoolSize(POOL_SIZE)
                .setMaxPoolWaiting(POOL_WAITING)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2);
        options.getNetClientOptions().setConnectTimeout((int) Math.max(1, timeout.toMillis()));
        this.client = Redis.createClient(vertx, options);
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    private Future<Response> send(Request request) {
        return client.send(request)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .recover(failure -> Future.failedFuture(RedisFailures.classify(failure)));
    }

    @Override
    public Future<byte[]> get(String key) {
        return send(Request.cmd(Command.GET).arg(key)).map(RedisKvStore::bytes);
    }

    @Override
    public Future<List<byte[]>> getMany(List<String> keys) {
        Request request = Request.cmd(Command.MGET);
        keys.forEach(request::arg);
        return send(request).map(response -> {
            List<byte[]> values = new ArrayList<>(response.size());
            response.forEach(value -> values.add(bytes(value)));
            return values;
        });
    }

    @Override
    public Future<Void> set(String key, byte[] value, Duration ttl) {
        Request request = Request.cmd(Command.SET).arg(key).arg(Buffer.buffer(value));
        if (ttl != null && !ttl.isZero()) {
            request.arg("PX").arg(ttl.toMillis());
        }
        return send(request).mapEmpty();
    }

    @Override
    public Future<Boolean> delete(String key) {
        return send(Request.cmd(Command.DEL).arg(key)).map(response -> response.toLong() > 0);
    }

    @Override
    public Future<Boolean> exists(String key) {
        return send(Request.cmd(Command.EXISTS).arg(key)).map(response -> response.toLong() > 0);
    }

    @Override
    public Future<ScanPage<String>> scan(String pattern, String cursor, int limit) {
        Request request = Request.cmd(Command.SCAN).arg(cursor.isEmpty() ? "0" : cursor)
                .arg("MATCH").arg(pattern).arg("COUNT").arg(limit);
        return send(request).map(response -> {
            List<String> keys = new ArrayList<>();
            response.get(1).forEach(key -> keys.add(key.toString()));
            return new ScanPage<>(keys, nextCursor(response));
        });
    }

    @Override
    public Future<Long> incr(String key, long delta) {
        return send(Request.cmd(Command.INCRBY).arg(key).arg(delta)).map(Response::toLong);
    }

    @Override
    public Future<Boolean> compareAndSet(String key, byte[] expected, byte[] value) {
        Request request = Request.cmd(Command.EVAL).arg(CAS_SCRIPT).arg(1).arg(key)
                .arg(expected == null ? "1" : "0")
                .arg(Buffer.buffer(expected == null ? new byte[0] : expected))
                .arg(Buffer.buffer(value));
        return send(request).map(response -> response.toLong() == 1);
    }

    @Override
    public Future<Void> zadd(String key, double score, byte[] member) {
        return send(Request.cmd(Command.ZADD).arg(key).arg(score(score)).arg(Buffer.buffer(member))).mapEmpty();
    }

    @Override
    public Future<List<ScoredMember>> zrangeByScore(String key, double min, double max, int limit) {
        Request request = Request.cmd(Command.ZRANGEBYSCORE).arg(key).arg(score(min)).arg(score(max))
                .arg("WITHSCORES").arg("LIMIT").arg(0).arg(limit);
        return send(request).map(RedisKvStore::scored);
    }

    @Override
    public Future<ScanPage<ScoredMember>> zscan(String key, String pattern, String cursor, int limit) {
        Request request = Request.cmd(Command.ZSCAN).arg(key).arg(cursor.isEmpty() ? "0" : cursor)
                .arg("MATCH").arg(pattern).arg("COUNT").arg(limit);
        return send(request).map(response -> new ScanPage<>(scored(response.get(1)), nextCursor(response)));
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    private static byte[] bytes(Response response) {
        return response == null ? null : response.toBuffer().getBytes();
    }

    private static String nextCursor(Response scanReply) {
        String next = scanReply.get(0).toString();
        return next.equals("0") ? "" : next;
    }

    /** A flat member, score, member, score... reply. */
    private static List<ScoredMember> scored(Response flat) {
        List<ScoredMember> members = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            members.add(new ScoredMember(flat.get(i).toBuffer().getBytes(), parseScore(flat.get(i + 1).toString())));
        }
        return members;
    }

    private static String score(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+inf" : "-inf";
        }
        return Double.toString(value);
    }

    private static double parseScore(String text) {
        return switch (text) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
