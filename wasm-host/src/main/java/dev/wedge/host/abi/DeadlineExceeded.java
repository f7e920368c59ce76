package dev.wedge.host.abi;

/** The request's deadline passed while a host call waited; the guest must not run any further. */
public final class DeadlineExceeded extends GuestStop {

    public DeadlineExceeded() {
        super("the request's deadline passed during a host call");
    }
}
