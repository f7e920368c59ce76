package dev.wedge.host.proxywasm;

import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;

/** Hands a value to the guest in memory it allocates, answering as proxy-wasm does when it cannot. */
final class Values {

    private Values() {}

    /** @return OK, or INTERNAL_FAILURE when the guest's allocator gave no memory */
    static int give(FilterContext context, HostCall call, byte[] value, int addressSlot, int lengthSlot) {
        return call.writeAllocated(value, context::allocate, call.u32(addressSlot), call.u32(lengthSlot))
                ? ProxyStatus.OK : ProxyStatus.INTERNAL_FAILURE;
    }
}
