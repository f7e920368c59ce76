package dev.wedge.host.secrets;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads secrets as docs/config.md writes them: a value, {@code {env: VAR}}, {@code {file: PATH}} (or
 * {@code {value: ...}}), or a list of
 * slots {@code {effective-from: UNIX_SECONDS, value | env | file: ...}}. Errors name the key, never a value.
 */
public final class SecretSettings {

    static final String EFFECTIVE_FROM = "effective-from";
    static final String VALUE = "value";
    static final String ENV = "env";
    static final String FILE = "file";
    private static final Set<String> ORIGINS = Set.of(VALUE, ENV, FILE);

    private SecretSettings() {}

    /** Every entry of {@code section} as a secret, e.g. the node's {@code secrets:}. */
    public static Secrets readAll(Section section, SecretSource.Written source) throws ConfigException {
        Map<String, Secret> byName = new LinkedHashMap<>();
        for (String name : section.keys()) {
            byName.put(name, read(section, name, source));
        }
        return new Secrets(byName);
    }

    /** The entries of {@code section}, each written, or naming one of the node's secrets. */
    static Secrets readAll(Section section, SecretSource source) throws ConfigException {
        if (source instanceof SecretSource.Written written) {
            return readAll(section, written);
        }
        Secrets node = ((SecretSource.ByReference) source).node();
        Map<String, Secret> byName = new LinkedHashMap<>();
        for (String name : section.keys()) {
            if (section.isSection(name) || section.isList(name)) {
                throw new ConfigException(section.key(name) + " must name one of the node's secrets: a deploy "
                        + "never carries secret values");
            }
            String reference = section.string(name, "");
            Secret secret = node.get(reference);
            if (secret == null) {
                throw new ConfigException(section.key(name) + ": the node has no secret '" + reference
                        + "' (define it under secrets: in the node's config)");
            }
            byName.put(name, secret);
        }
        return new Secrets(byName);
    }

    private static Secret read(Section parent, String name, SecretSource.Written source) throws ConfigException {
        if (parent.isList(name)) {
            List<Secret.Slot> slots = new ArrayList<>();
            for (Section slot : parent.sections(name)) {
                slot.allowOnly(Set.of(EFFECTIVE_FROM, VALUE, ENV, FILE));
                long from = slot.number(EFFECTIVE_FROM, -1, 0, Long.MAX_VALUE);
                if (from < 0) {
                    throw new ConfigException(slot.key(EFFECTIVE_FROM) + " is missing: the Unix time (seconds) "
                            + "from which the slot's value is in force");
                }
                slots.add(new Secret.Slot(from, origin(slot, source)));
            }
            try {
                return Secret.of(slots);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(parent.key(name) + ": " + e.getMessage());
            }
        }
        if (parent.isSection(name)) {
            Section origin = parent.section(name);
            origin.allowOnly(ORIGINS);
            return Secret.of(origin(origin, source));
        }
        return Secret.of(parent.string(name, ""));
    }

    /** The value of a slot or a secret: one of {@code value}, {@code env} or {@code file}. */
    private static String origin(Section section, SecretSource.Written source) throws ConfigException {
        List<String> given = ORIGINS.stream().filter(key -> section.keys().contains(key)).sorted().toList();
        if (given.size() != 1) {
            throw new ConfigException(section.path() + " needs exactly one of value, env or file, not " + given);
        }
        String key = given.get(0);
        String text = section.string(key, "");
        return switch (key) {
            case ENV -> {
                String value = source.environment().get(text);
                if (value == null) {
                    throw new ConfigException(section.key(ENV) + ": the environment variable " + text + " is not set");
                }
                yield value;
            }
            case FILE -> file(section, source.baseDir().resolve(text));
            default -> text;
        };
    }

    /** A file's text without its last line end (files written by editors and `echo` end in one). */
    private static String file(Section section, Path path) throws ConfigException {
        try {
            String text = Files.readString(path);
            if (text.endsWith("\r\n")) {
                return text.substring(0, text.length() - 2);
            }
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new ConfigException(section.key(FILE) + ": cannot read " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
