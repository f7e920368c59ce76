package dev.wedge.host.engine;

/** A function the module imports: {@code module.name} with its type. */
public record FunctionImport(String module, String name, Signature signature) {

    public String qualifiedName() {
        return module + "." + name;
    }
}
