package dev.wedge.host.client;

import dev.wedge.settings.ConfigException;
import java.util.ArrayList;
import java.util.List;

/** One line of a geolocation file: its fields (CSV, double quotes around a field holding commas) and checks. */
final class GeoLine {

    private GeoLine() {}

    /** The fields of a CSV line; {@code ""} inside quotes is a quote. Null when a quote is left open. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString().strip());
        return fields;
    }

    /**
     * The location of the fields after the network, kept as written: codes of two letters, the ASN a number
     * (an {@code AS} before it is dropped), latitude and longitude decimal degrees; any may be empty.
     */
    static Location location(List<String> fields, String where) throws ConfigException {
        List<String> values = new ArrayList<>(fields);
        check(values.get(0).isEmpty() || values.get(0).matches("[A-Za-z]{2}"), where, "country-code",
                "two letters");
        check(values.get(4).isEmpty() || values.get(4).matches("[A-Za-z]{2}"), where, "continent", "two letters");
        String asn = values.get(5).startsWith("AS") ? values.get(5).substring(2) : values.get(5);
        check(asn.isEmpty() || asn.matches("[0-9]{1,10}"), where, "asn", "a number");
        values.set(5, asn);
        check(degrees(values.get(6), 90), where, "latitude", "between -90 and 90");
        check(degrees(values.get(7), 180), where, "longitude", "between -180 and 180");
        for (String value : values) {
            check(value.chars().noneMatch(Character::isISOControl), where, "every field", "without control characters");
        }
        return new Location(values);
    }

    private static boolean degrees(String text, double limit) {
        if (text.isEmpty()) {
            return true;
        }
        try {
            double value = Double.parseDouble(text);
            return value >= -limit && value <= limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void check(boolean ok, String where, String column, String what) throws ConfigException {
        if (!ok) {
            throw new ConfigException(where + ": " + column + " must be " + what);
        }
    }
}
