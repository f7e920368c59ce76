package dev.wedge.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Reads definitions of named resources that each use a backend, such as a node's {@code kv-stores:} or
 * {@code queues:}: each entry a section (the backend's own keys and the common ones), a short form, or empty (the
 * default backend with its defaults). The backend reads where the resource is; {@link SectionReader} the rest.
 *
 * @param <C> the configuration of one resource
 * @param <B> its backends
 */
public final class BackendSettings<C, B extends Backend<C>> {

    /** Reads one resource's section, its backend chosen and its keys already checked. */
    @FunctionalInterface
    public interface SectionReader<C, B> {
        C read(String name, B backend, Section section, Path baseDir) throws ConfigException;
    }

    private final String kind;
    private final Map<String, B> backends;
    /** The backends in the order they were given: short forms are tried and listed so. */
    private final List<B> order;
    private final String defaultBackend;
    private final Set<String> commonKeys;
    private final SectionReader<C, B> reader;

    /**
     * @param kind what a resource is called in messages, e.g. {@code kv store}
     * @param backends by name, in the order short forms are tried and listed
     * @param commonKeys the keys every resource's section may have, {@code backend} included
     */
    public BackendSettings(String kind, Map<String, B> backends, String defaultBackend, Set<String> commonKeys,
            SectionReader<C, B> reader) {
        this.kind = kind;
        this.backends = Map.copyOf(backends);
        this.defaultBackend = defaultBackend;
        this.commonKeys = Set.copyOf(commonKeys);
        this.reader = reader;
        this.order = List.copyOf(backends.values());
    }

    /** The backends of a kind found on the class path, by name, in the order their service file lists them. */
    public static <B extends Backend<?>> Map<String, B> discover(Class<B> kind) {
        Map<String, B> backends = new LinkedHashMap<>();
        ServiceLoader.load(kind).forEach(backend -> backends.put(backend.name(), backend));
        return backends;
    }

    /** Every entry of a section of resources; relative directories resolve against {@code baseDir}. */
    public List<C> read(Section resources, Path baseDir) throws ConfigException {
        List<C> configs = new ArrayList<>();
        for (String name : resources.keys()) {
            String shortForm = resources.isSection(name) ? null : resources.string(name, null);
            configs.add(shortForm == null ? read(name, resources.section(name), baseDir)
                    : parse(resources.key(name), name, shortForm, baseDir));
        }
        return configs;
    }

    /** A short form, as the command line takes it ({@code NAME=SPEC}). */
    public C parse(String name, String spec, Path baseDir) throws ConfigException {
        return parse(kind + " " + name, name, spec, baseDir);
    }

    private C parse(String where, String name, String spec, Path baseDir) throws ConfigException {
        for (B backend : order) {
            C config = backend.fromShortForm(name, spec, baseDir);
            if (config != null) {
                return config;
            }
        }
        throw new ConfigException(where + ": expected " + String.join(" or ",
                order.stream().map(Backend::shortForm).toList()) + ", not '" + spec + "'");
    }

    private C read(String name, Section section, Path baseDir) throws ConfigException {
        String backendName = section.string("backend", defaultBackend);
        B backend = backends.get(backendName);
        if (backend == null) {
            throw new ConfigException(section.key("backend") + ": unknown backend '" + backendName + "' (one of "
                    + order.stream().map(Backend::name).toList() + ")");
        }
        Set<String> allowed = new HashSet<>(commonKeys);
        allowed.addAll(backend.settingKeys());
        section.allowOnly(allowed);
        return reader.read(name, backend, section, baseDir);
    }
}
