package dev.wedge.host.outbound;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.net.InetAddress;
import java.util.List;

/**
 * Looks a host name up, for the policy to check every address before anything is connected to. Tests give their
 * own (a name that resolves to a private address, without a DNS server).
 */
@FunctionalInterface
public interface Resolver {

    /** Every address of the name; a failed future when it does not resolve. */
    Future<List<InetAddress>> resolve(String host);

    /**
     * The system's resolver (hosts file, then DNS) on a few threads of its own, so that slow lookups wait neither
     * on an event loop nor on the workers that run guests.
     */
    static Resolver system(WorkerExecutor threads) {
        return host -> threads.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
    }
}
