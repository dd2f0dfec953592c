package ir.aifo.internal.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next CR or LF in a byte array eight bytes at a time.
 *
 * <p>Every byte of a stream passes through this search, and a byte-by-byte loop with two comparisons
 * was a twelfth of the time a stream's thread spent decoding events. Eight bytes are read as one
 * {@code long} and tested for either byte with the usual "has a zero byte" arithmetic: a byte that
 * equals the sought one becomes zero after an XOR, and {@code (x - 0x01..01) & ~x & 0x80..80} flags it.
 * A flag can also appear above a true zero byte (the subtraction borrows through it), never below
 * one, so the lowest flag, which is the first byte in a little-endian read, is always a true match.
 */
final class LineBreaks {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;

    private static final long HIGH_BITS = 0x8080808080808080L;

    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;

    private LineBreaks() {}

    /** The index of the first {@code '\r'} or {@code '\n'} in {@code bytes[from, to)}, or {@code to} if none. */
    static int indexOf(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long found = zeroBytes(word ^ LFS) | zeroBytes(word ^ CRS);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return to;
    }

    // The high bit of each zero byte of x set, and possibly of some bytes above the lowest zero byte.
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGH_BITS;
    }
}
