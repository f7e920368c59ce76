package dev.wedge.host.client;

import java.util.List;
import java.util.Map;

/**
 * Where an address is, as one line of a geolocation database says: each value the text of one
 * {@link ClientFields#GEOIP} header, in that order; an empty value is unknown and sent as no header.
 */
record Location(List<String> values) {

    Location {
        if (values.size() != ClientFields.GEOIP.size()) {
            throw new IllegalArgumentException("a location has " + ClientFields.GEOIP.size() + " values");
        }
        values = List.copyOf(values);
    }

    /** Puts the known values in {@code headers}, by their header names. */
    void putInto(Map<String, String> headers) {
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isEmpty()) {
                headers.put(ClientFields.GEOIP.get(i), values.get(i));
            }
        }
    }
}
