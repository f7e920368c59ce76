package dev.wedge.config;

import dev.wedge.kv.KvStore;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Preloads keys into an app's namespace of a store from a JSON object file ({@code --kv-data}, config
 * {@code kv-data}): strings are stored as their UTF-8 bytes, anything else as its JSON text.
 */
public final class KvSeed {

    private KvSeed() {}

    public static Future<Integer> load(Path file, KvStore store) {
        JsonObject data;
        try {
            data = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Future.failedFuture(new ConfigException("cannot read kv data " + file + ": " + e, e));
        } catch (DecodeException e) {
            return Future.failedFuture(new ConfigException(file + " is not a JSON object: " + e.getMessage(), e));
        }
        List<Future<Void>> writes = new ArrayList<>();
        data.forEach(entry -> {
            Object value = entry.getValue();
            String text = value instanceof String string ? string : Json.encode(value);
            writes.add(store.set(entry.getKey(), text.getBytes(StandardCharsets.UTF_8), null));
        });
        return Future.all(writes).map(done -> writes.size());
    }
}
