package dev.wedge.host.client;

import dev.wedge.host.http.AppRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds who a request's client is and where, for a node (a node resource; without one, apps still get the
 * client's address and the server name): the address is the socket's peer, unless the peer is a trusted proxy,
 * which may name the client in {@code x-real-ip} or {@code x-forwarded-for}; the location comes from the
 * overrides table, then the database, with fixed values over both; the PoP's values are the node's.
 */
public final class ClientLocator {

    public static final ClientLocator NONE = new ClientLocator(GeoDatabase.EMPTY, GeoDatabase.EMPTY, List.of(),
            Map.of(), Map.of());

    private final GeoDatabase database;
    private final GeoDatabase overrides;
    private final List<IpRange> trustedProxies;
    private final Map<String, String> pop;
    private final Map<String, String> fixed;

    ClientLocator(GeoDatabase database, GeoDatabase overrides, List<IpRange> trustedProxies, Map<String, String> pop,
            Map<String, String> fixed) {
        this.database = database;
        this.overrides = overrides;
        this.trustedProxies = List.copyOf(trustedProxies);
        this.pop = Map.copyOf(pop);
        this.fixed = Map.copyOf(fixed);
    }

    /** The client of {@code request}, with everything known about it and the PoP. */
    public ClientInfo locate(AppRequest request) {
        IpKey peer = IpKey.parse(request.remoteAddress());
        IpKey client = peer == null ? null : client(peer, request);
        Map<String, String> values = new LinkedHashMap<>();
        String address = client != null ? client.toString() : request.remoteAddress();
        values.put(ClientFields.REAL_IP, address);
        values.put(ClientFields.SERVER_NAME, request.serverName());
        Location location = client == null ? null : overrides.find(client);
        if (location == null && client != null) {
            location = database.find(client);
        }
        if (location != null) {
            location.putInto(values);
        }
        putPop(values, true);
        return new ClientInfo(address, values);
    }

    /** Without a request (a queue message): the PoP's values only. */
    public ClientInfo withoutClient() {
        Map<String, String> values = new LinkedHashMap<>();
        putPop(values, false);
        return new ClientInfo(null, values);
    }

    /** The PoP's values, and the fixed ones (only the PoP's without a client). */
    private void putPop(Map<String, String> values, boolean withClient) {
        for (String name : ClientFields.POP) {
            if (pop.containsKey(name)) {
                values.put(name, pop.get(name));
            }
        }
        fixed.forEach((name, value) -> {
            if (withClient || ClientFields.POP.contains(name)) {
                values.put(name, value);
            }
        });
    }

    /**
     * A trusted peer's word for the client: its {@code x-real-ip}, else the last address of
     * {@code x-forwarded-for} that is not itself a trusted proxy (proxies append the address they saw, so only
     * the entries added by trusted ones can be believed, read from the end).
     */
    private IpKey client(IpKey peer, AppRequest request) {
        if (!trusted(peer)) {
            return peer;
        }
        IpKey real = IpKey.parse(request.headers().get(ClientFields.REAL_IP));
        if (real != null) {
            return real;
        }
        String forwarded = request.headers().get(ClientFields.FORWARDED_FOR);
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        IpKey client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            IpKey hop = IpKey.parse(hops[i]);
            if (hop == null) {
                break; // garbage: nothing before it can be trusted
            }
            client = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean trusted(IpKey address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
