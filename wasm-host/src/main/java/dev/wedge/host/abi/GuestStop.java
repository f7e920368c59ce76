package dev.wedge.host.abi;

/**
 * Unwinds the guest from inside a host call: the request ends here. Host functions let it through (it is not a
 * failure to report as a status); the runner reads the reason from the request's scope or the clock.
 */
public abstract class GuestStop extends RuntimeException {

    protected GuestStop(String message) {
        super(message, null, false, false);
    }
}
