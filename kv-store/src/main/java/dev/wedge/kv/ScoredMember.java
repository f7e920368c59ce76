package dev.wedge.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A member of a sorted set with its score. */
public record ScoredMember(byte[] member, double score) {

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoredMember that && Arrays.equals(member, that.member)
                && Double.compare(score, that.score) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(member) * 31 + Double.hashCode(score);
    }

    @Override
    public String toString() {
        return new String(member, StandardCharsets.UTF_8) + ":" + score;
    }
}
