package dev.wedge.host.app;

import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code wedge_abi_version_N} marker an http app exports (docs/abi.md, "Versioning"). */
public final class AbiVersion {

    public static final int CURRENT = 1;
    private static final Pattern MARKER = Pattern.compile("wedge_abi_version_(\\d{1,9})");

    private AbiVersion() {}

    /** @throws ModuleLoadException when the module declares only versions this host does not speak */
    public static void check(ModuleInfo info) throws ModuleLoadException {
        List<Integer> declared = info.exportedFunctions().keySet().stream()
                .map(MARKER::matcher)
                .filter(Matcher::matches)
                .map(matcher -> Integer.parseInt(matcher.group(1)))
                .sorted()
                .toList();
        if (!declared.isEmpty() && !declared.contains(CURRENT)) {
            throw new ModuleLoadException(Problem.UNKNOWN_ABI,
                    "unsupported ABI version " + declared.get(declared.size() - 1)
                    + "; this host speaks version " + CURRENT);
        }
    }
}
