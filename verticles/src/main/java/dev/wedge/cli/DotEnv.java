package dev.wedge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fastedge-run's dotenv files, read the way it reads them, so a project set up for it runs unchanged: a directory
 * holds {@code .env} and one file per category; {@code .env} holds bare keys (env vars) and keys prefixed with
 * their category ({@code FASTEDGE_VAR_SECRET_TOKEN}). A value given on the command line wins over {@code .env},
 * which wins over the category's file. Lines are {@code KEY=VALUE}; {@code #} starts a comment anywhere; keys
 * and values are trimmed of spaces and surrounding quotes; other lines are skipped.
 */
final class DotEnv {

    private static final String PREFIX = "FASTEDGE_VAR_";

    /** What a value configures, with its prefix in {@code .env} and its own file. */
    enum Category {
        ENV("FASTEDGE_VAR_ENV_", ".env.variables"),
        SECRETS("FASTEDGE_VAR_SECRET_", ".env.secrets"),
        REQUEST_HEADERS("FASTEDGE_VAR_REQ_HEADER_", ".env.req_headers"),
        RESPONSE_HEADERS("FASTEDGE_VAR_RSP_HEADER_", ".env.rsp_headers"),
        // fastedge-run's prefix has no trailing underscore, so FASTEDGE_VAR_KV_STORE_CACHE names store "_CACHE"
        // there; here the underscore is dropped: an app opens "CACHE" (docs/fastedge-compat.md)
        KV_STORES("FASTEDGE_VAR_KV_STORE", ".env.kv_stores");

        private final String prefix;
        private final String file;

        Category(String prefix, String file) {
            this.prefix = prefix;
            this.file = file;
        }
    }

    private final Map<String, String> dotEnv;
    private final Path dir;

    private DotEnv(Path dir, Path dotEnvFile) {
        this.dir = dir;
        this.dotEnv = read(dotEnvFile);
    }

    /** The files in {@code dir}; missing files hold nothing. */
    static DotEnv in(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--dotenv " + dir + ": not a directory");
        }
        return new DotEnv(dir, dir.resolve(".env"));
    }

    /**
     * {@code file} in place of {@code .env} (FastEdge's test fixtures name one, e.g. {@code .env.test}), with the
     * category files of its directory. A missing file holds nothing, as for FastEdge's runner: fixtures are
     * committed while {@code .env} files with secrets are not.
     */
    static DotEnv file(Path file) {
        return new DotEnv(file.toAbsolutePath().getParent(), file);
    }

    /**
     * The values of a category: {@code given} (the command line's), then {@code .env}'s, then its file's; null
     * when none was given anywhere, as for a flag not given.
     */
    Map<String, String> merge(Category category, Map<String, String> given) {
        Map<String, String> merged = new LinkedHashMap<>(given == null ? Map.of() : given);
        dotEnv.forEach((key, value) -> {
            String name = key.startsWith(PREFIX) ? stripped(key, category.prefix)
                    : category == Category.ENV ? key : null;
            if (name != null && !name.isEmpty()) {
                merged.putIfAbsent(name, value);
            }
        });
        read(dir.resolve(category.file)).forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) { // prefixed keys belong in .env only
                merged.putIfAbsent(key, value);
            }
        });
        return merged.isEmpty() ? given : merged;
    }

    private static String stripped(String key, String prefix) {
        if (!key.startsWith(prefix)) {
            return null;
        }
        String name = key.substring(prefix.length());
        return name.startsWith("_") ? name.substring(1) : name;
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int hash = line.indexOf('#');
                String content = hash < 0 ? line : line.substring(0, hash);
                int eq = content.indexOf('=');
                String key = eq < 0 ? "" : unquoted(content.substring(0, eq));
                if (!key.isEmpty()) {
                    values.put(key, unquoted(content.substring(eq + 1)));
                }
            }
        } catch (NoSuchFileException e) {
            return values;
        } catch (IOException e) {
            throw new IllegalArgumentException("--dotenv: cannot read " + file + ": " + e.getMessage(), e);
        }
        return values;
    }

    private static String unquoted(String text) {
        String trimmed = text.strip();
        int start = 0;
        int end = trimmed.length();
        while (start < end && isQuote(trimmed.charAt(start))) {
            start++;
        }
        while (end > start && isQuote(trimmed.charAt(end - 1))) {
            end--;
        }
        return trimmed.substring(start, end);
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }
}
