package dev.wedge.deploy.template;

/** A template that cannot be offered: its manifest is malformed or a file it names is missing. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
