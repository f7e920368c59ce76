package dev.wedge.kv;

import java.util.List;

/** One page of a scan; {@code nextCursor} is empty when the scan is complete. */
public record ScanPage<T>(List<T> items, String nextCursor) {

    public ScanPage {
        items = List.copyOf(items);
    }
}
