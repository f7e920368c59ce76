package dev.wedge.host.client;

import dev.wedge.settings.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A geolocation database: IP ranges (IPv4 and IPv6) and where their addresses are, read from the CSV format of
 * docs/config.md ("Geolocation"), kept sorted for a binary search per lookup. Ranges may not overlap, so an
 * address has at most one location and the file says so unambiguously.
 */
public final class GeoDatabase {

    public static final GeoDatabase EMPTY = new GeoDatabase(new IpKey[0], new IpKey[0], new Location[0]);
    /** The columns of a line, in order; a header line naming them may come first. */
    public static final List<String> COLUMNS = List.of("network", "country-code", "country-name", "region", "city",
            "continent", "asn", "latitude", "longitude");

    private final IpKey[] firsts;
    private final IpKey[] lasts;
    private final Location[] locations;

    private GeoDatabase(IpKey[] firsts, IpKey[] lasts, Location[] locations) {
        this.firsts = firsts;
        this.lasts = lasts;
        this.locations = locations;
    }

    public static GeoDatabase load(Path file) throws ConfigException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read the geolocation file " + file + ": " + e, e);
        }
    }

    /** @param source names the text in errors, which add the line number */
    public static GeoDatabase read(Reader text, String source) throws ConfigException, IOException {
        record Entry(IpRange range, Location location, int line) {}
        List<Entry> entries = new ArrayList<>();
        BufferedReader lines = new BufferedReader(text);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = GeoLine.fields(line);
            String where = source + ":" + number;
            if (fields == null || fields.size() != COLUMNS.size()) {
                throw new ConfigException(where + ": expected " + COLUMNS.size() + " comma-separated fields "
                        + COLUMNS + (fields == null ? " (a quote is not closed)" : ", not " + fields.size()));
            }
            if (entries.isEmpty() && fields.get(0).equals(COLUMNS.get(0))) {
                continue; // the header line
            }
            IpRange range = IpRange.parse(fields.get(0));
            if (range == null) {
                throw new ConfigException(where + ": not a CIDR block, an address or FIRST-LAST: " + fields.get(0));
            }
            entries.add(new Entry(range, GeoLine.location(fields.subList(1, fields.size()), where), number));
        }
        entries.sort(Comparator.comparing((Entry entry) -> entry.range().first()));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).range().first().compareTo(entries.get(i - 1).range().last()) <= 0) {
                throw new ConfigException(source + ":" + entries.get(i).line() + ": " + entries.get(i).range()
                        + " overlaps line " + entries.get(i - 1).line() + " (" + entries.get(i - 1).range() + ")");
            }
        }
        return new GeoDatabase(entries.stream().map(entry -> entry.range().first()).toArray(IpKey[]::new),
                entries.stream().map(entry -> entry.range().last()).toArray(IpKey[]::new),
                entries.stream().map(Entry::location).toArray(Location[]::new));
    }

    /** Where the address is, or null when no range holds it. */
    Location find(IpKey address) {
        int i = Arrays.binarySearch(firsts, address);
        int candidate = i >= 0 ? i : -i - 2; // the last range starting at or before the address
        return candidate >= 0 && address.compareTo(lasts[candidate]) <= 0 ? locations[candidate] : null;
    }

    public int size() {
        return firsts.length;
    }
}
