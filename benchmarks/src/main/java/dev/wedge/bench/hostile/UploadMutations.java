package dev.wedge.bench.hostile;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;

/**
 * Modules mutated from a valid one (bytes flipped, inserted, cut), deployed through the admin API: each must be
 * deployed (201) or refused with a defined 4xx, never a 5xx; what deploys is deleted again.
 */
final class UploadMutations {

    private static final Set<Integer> ANSWERS = Set.of(201, 400, 413);

    private UploadMutations() {}

    static void run(NodeUnderTest node, Report report, byte[] valid, int count, long seed) throws Exception {
        var random = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] mutated = mutate(valid, random);
            String app = "/apps/mutated-" + i;
            int status = node.admin("PUT", app, mutated).statusCode();
            report.record("uploads", Integer.toString(status), ANSWERS.contains(status), "mutation " + i);
            if (status == 201) {
                int deleted = node.admin("DELETE", app, null).statusCode();
                report.record("uploads/delete", Integer.toString(deleted), deleted == 200, "delete " + app);
            }
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = Arrays.copyOf(valid, valid.length);
        switch (random.nextInt(4)) {
            case 0 -> { // flip a few bytes
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length)); // cut
            case 2 -> { // insert garbage
                int at = 8 + random.nextInt(bytes.length - 8);
                byte[] garbage = new byte[1 + random.nextInt(64)];
                random.nextBytes(garbage);
                byte[] longer = new byte[bytes.length + garbage.length];
                System.arraycopy(bytes, 0, longer, 0, at);
                System.arraycopy(garbage, 0, longer, at, garbage.length);
                System.arraycopy(bytes, at, longer, at + garbage.length, bytes.length - at);
                bytes = longer;
            }
            default -> bytes[8 + random.nextInt(bytes.length - 8)] = (byte) 0xFF; // a bad section id or length
        }
        return bytes;
    }
}
