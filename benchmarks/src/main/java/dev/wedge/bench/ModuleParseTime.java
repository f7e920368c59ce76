package dev.wedge.bench;

import com.dylibso.chicory.wasm.Parser;
import dev.wedge.host.module.ModuleInspector;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What each node's part of a deploy costs in CPU for one module, in one JVM: the deploying node's validating
 * parse, the other nodes' decode-only parse (their compile ahead of the record, and what the inspector cost
 * when it decoded function bodies) and the inspector. Run it with and without {@code -XX:-DontCompileHugeMethods}
 * to see what that flag does to Chicory's validator (one method of over 8000 bytes of bytecode).
 *
 * <p>Usage: {@code java [-XX:-DontCompileHugeMethods] -cp benchmarks.jar dev.wedge.bench.ModuleParseTime
 * MODULE.wasm [ROUNDS]}; medians of the rounds after the first third (warm-up).
 */
public final class ModuleParseTime {

    private ModuleParseTime() {}

    public static void main(String[] args) throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Parser validating = Parser.builder().build();
        Parser decoding = Parser.builder().withValidation(false).build();
        double[][] millis = new double[3][rounds];
        for (int round = 0; round < rounds; round++) {
            millis[0][round] = time(() -> validating.parse(() -> new ByteArrayInputStream(wasm)));
            millis[1][round] = time(() -> decoding.parse(() -> new ByteArrayInputStream(wasm)));
            millis[2][round] = time(() -> ModuleInspector.inspect(wasm));
        }
        String[] labels = {"validating parse", "decode-only parse", "inspect"};
        System.out.printf("%s, %d bytes, %d rounds (medians of the last %d)%n", args[0], wasm.length, rounds,
                rounds - rounds / 3);
        for (int i = 0; i < labels.length; i++) {
            double[] measured = Arrays.copyOfRange(millis[i], rounds / 3, rounds);
            System.out.printf("%-18s median %.1f ms (min %.1f, max %.1f)%n", labels[i], WedgeProcess.median(measured),
                    Arrays.stream(measured).min().orElse(0), Arrays.stream(measured).max().orElse(0));
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
