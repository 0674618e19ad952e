package cl.cobranza.connectors.demo;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/** Seed mixing and small sampling helpers shared by the demo generator's parts. */
final class DemoRandom {
    private DemoRandom() {
    }

    /** A well-spread 64-bit seed from several parts (SplitMix64 finaliser over each). */
    static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = splitMix(h ^ p);
        }
        return h;
    }

    /** A stable 64-bit hash of a text (FNV-1a over UTF-8), unlike String.hashCode not 32-bit. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static <T> T pick(RandomGenerator r, T[] items) {
        return items[r.nextInt(items.length)];
    }

    /** Index drawn with the given (not necessarily normalised) weights. */
    static int weighted(RandomGenerator r, double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Uniform in [lo, hi], rounded to 2 decimals so that the value reads well in the truth table. */
    static double between(RandomGenerator r, double lo, double hi) {
        return Math.round((lo + (hi - lo) * r.nextDouble()) * 100) / 100.0;
    }

    /** Uniform integer in [lo, hi], both inclusive. */
    static int intBetween(RandomGenerator r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }
}
