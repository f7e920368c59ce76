package dev.wedge.deploy;

import java.util.List;

/** The nodes of this node's PoP, by id: the cluster's members, or just this node. */
public interface Members {

    String self();

    /** Every member now, this node included. */
    List<String> all();

    static Members single() {
        return new Members() {
            @Override
            public String self() {
                return "local";
            }

            @Override
            public List<String> all() {
                return List.of("local");
            }
        };
    }
}
