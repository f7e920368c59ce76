package dev.wedge.host.run;

import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.WasmInstance;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.limits.Limits;

/**
 * Names the failure behind a trap. Neither engine reports a refused {@code memory.grow}, so a guest that traps
 * with its memory within a margin of its cap is taken to have run out of memory (allocators give up when the
 * next chunk does not fit, which leaves at most about one chunk unused).
 */
final class TrapClassifier {

    private TrapClassifier() {}

    static AppResponse respond(App app, WasmInstance instance, GuestTrap trap) {
        Limits limits = app.config().limits();
        if (trap.kind() == GuestTrap.Kind.TIMEOUT) {
            return timeout(app);
        }
        long used = instance.memory().size();
        long margin = Math.max(Limits.MIB, limits.memoryBytes() / 8);
        if (limits.memoryBytes() - used < margin) {
            return NodeAnswer.OUT_OF_MEMORY.respond("the app ran out of memory (" + used / Limits.MIB + " of "
                    + limits.memoryBytes() / Limits.MIB + " MiB)");
        }
        return NodeAnswer.TRAP.respond("the app crashed: " + trap.getMessage());
    }

    static AppResponse timeout(App app) {
        return NodeAnswer.TIMEOUT.respond("the app ran past its deadline of "
                + app.config().limits().timeout().toMillis() + " ms");
    }
}
