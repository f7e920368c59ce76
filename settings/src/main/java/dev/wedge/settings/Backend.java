package dev.wedge.settings;

import java.nio.file.Path;
import java.util.Set;

/**
 * A kind of backend a capability's named resources use (a Redis store, a Kafka queue), found by its name. It reads
 * its own settings: its short form ({@code redis://HOST:PORT}) and its keys of a resource's section.
 *
 * @param <C> the configuration of one resource
 */
public interface Backend<C> {

    /** The name used in configuration ({@code backend: NAME}), e.g. {@code redis}. */
    String name();

    /** Its short form, for help and error texts, e.g. {@code redis://HOST:PORT[/prefix]}. */
    String shortForm();

    /**
     * The resource a short form ({@code --kv-store NAME=SPEC}, or {@code kv-stores: {NAME: SPEC}}) describes, or
     * null when the form is not this backend's.
     *
     * @param baseDir what relative directories are resolved against
     */
    C fromShortForm(String name, String spec, Path baseDir) throws ConfigException;

    /** The keys of a resource's section that it reads, besides those every resource has. */
    Set<String> settingKeys();
}
