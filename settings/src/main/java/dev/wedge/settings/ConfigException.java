package dev.wedge.settings;

/** A configuration that cannot be used; the message names the key and what is wrong with it. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
