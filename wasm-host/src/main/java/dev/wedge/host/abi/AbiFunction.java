package dev.wedge.host.abi;

import dev.wedge.host.engine.FunctionImport;
import dev.wedge.host.engine.HostFunction;
import dev.wedge.host.engine.Signature;
import java.lang.System.Logger.Level;
import java.util.function.Function;

/**
 * A host import defined once, independent of engine and request: its name, its type, and an implementation that
 * receives the per-request scope {@code S}. Binding it to a scope gives the engine a {@link HostFunction}.
 *
 * <p>The binding is where failures become codes: a {@link GuestMemoryFault} becomes the family's invalid-memory
 * code, an {@link AbiException} its own code, any other exception the family's internal code (and a log line).
 * A {@link GuestStop} and errors pass through to stop the guest.
 */
public record AbiFunction<S>(String module, String name, Signature signature, ErrorCodes errors, Impl<S> impl) {

    private static final System.Logger LOG = System.getLogger(AbiFunction.class.getName());
    private static final long[] NO_RESULTS = {};

    @FunctionalInterface
    public interface Impl<S> {
        /** Returns the call's i32 result (a status or errno), ignored for functions without results. */
        int call(S scope, HostCall call);
    }

    /** A {@code wedge.*} import taking {@code params} i32s and returning a {@link Status}. */
    public static <S> AbiFunction<S> wedge(String name, int params, StatusImpl<S> impl) {
        return new AbiFunction<>("wedge", name, Signature.i32s(params), ErrorCodes.WEDGE,
                (scope, call) -> impl.call(scope, call).code());
    }

    /** A {@code wedge.*} import with other than all-i32 parameters. */
    public static <S> AbiFunction<S> wedge(String name, Signature signature, StatusImpl<S> impl) {
        return new AbiFunction<>("wedge", name, signature, ErrorCodes.WEDGE,
                (scope, call) -> impl.call(scope, call).code());
    }

    /** A proxy-wasm import ({@code env.*}) taking {@code params} i32s and returning a {@link ProxyStatus} code. */
    public static <S> AbiFunction<S> proxy(String name, int params, Impl<S> impl) {
        return new AbiFunction<>("env", name, Signature.i32s(params), ProxyStatus.ERRORS, impl);
    }

    /** A proxy-wasm import with other than all-i32 parameters. */
    public static <S> AbiFunction<S> proxy(String name, Signature signature, Impl<S> impl) {
        return new AbiFunction<>("env", name, signature, ProxyStatus.ERRORS, impl);
    }

    @FunctionalInterface
    public interface StatusImpl<S> {
        Status call(S scope, HostCall call);
    }

    /** The same import over a wider scope, from which {@code state} picks what the implementation needs. */
    public <T> AbiFunction<T> over(Function<T, S> state) {
        return new AbiFunction<>(module, name, signature, errors, (scope, call) -> impl.call(state.apply(scope), call));
    }

    public boolean matches(FunctionImport functionImport) {
        return module.equals(functionImport.module()) && name.equals(functionImport.name());
    }

    public HostFunction bind(S scope) {
        boolean returnsValue = !signature.results().isEmpty();
        return new HostFunction(module, name, signature, (memory, args) -> {
            int result = invoke(scope, new HostCall(memory, args));
            return returnsValue ? new long[] {result} : NO_RESULTS;
        });
    }

    private int invoke(S scope, HostCall call) {
        try {
            return impl.call(scope, call);
        } catch (GuestMemoryFault e) {
            return errors.invalidMemory();
        } catch (AbiException e) {
            return e.code();
        } catch (GuestStop e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "host function " + module + "." + name + " failed", e);
            return errors.internal();
        }
    }
}
