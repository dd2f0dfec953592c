package ir.aifo.quota.redis;

import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import java.time.Instant;

/**
 * A cool-down as Redis keeps it, in a line that {@code merge-cool-down.lua} reads too:
 * {@code c1|reason|until|sent|detail}, the end in epoch milliseconds and {@code sent} 0 or 1. The
 * target is the key's.
 */
final class CoolDownRecord {

    private CoolDownRecord() {}

    /** Only a cool-down with an end is shared; a skip without one ends with the request. */
    static String encode(TargetUnavailable coolDown) {
        return "c1|" + coolDown.reason().name() + "|" + coolDown.until().toEpochMilli() + "|"
                + (coolDown.sent() ? '1' : '0') + "|" + coolDown.detail();
    }

    static TargetUnavailable decode(RouteTarget scope, String text) throws StoreFormatException {
        String[] fields = text.split("\\|", 5);
        if (fields.length != 5 || !fields[0].equals("c1") || !(fields[3].equals("0") || fields[3].equals("1"))) {
            throw new StoreFormatException("not a cool-down record of this version");
        }
        TargetUnavailable.Reason reason;
        long until;
        try {
            reason = TargetUnavailable.Reason.valueOf(fields[1]);
            until = Long.parseLong(fields[2]);
        } catch (IllegalArgumentException malformed) {
            throw new StoreFormatException("reason '" + fields[1] + "' or end '" + fields[2] + "' is not one");
        }
        return new TargetUnavailable(scope, reason, fields[4], Instant.ofEpochMilli(until), fields[3].equals("1"));
    }
}
