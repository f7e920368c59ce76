package dev.wedge.host.engine;

/** Supplies the host function for each function import of a module, for one instance. */
@FunctionalInterface
public interface ImportResolver {

    /** @throws IllegalArgumentException when the import cannot be satisfied */
    HostFunction resolve(FunctionImport functionImport);
}
