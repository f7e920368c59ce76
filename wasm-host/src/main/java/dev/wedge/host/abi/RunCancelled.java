package dev.wedge.host.abi;

/** The run was cancelled (its client went away) while the guest made a host call; the guest must not go on. */
public final class RunCancelled extends GuestStop {

    public RunCancelled() {
        super("the run was cancelled during a host call");
    }
}
