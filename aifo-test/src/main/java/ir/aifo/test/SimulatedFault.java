package ir.aifo.test;

import java.time.Duration;

/**
 * A failure the simulator answers with instead of a normal reply, for the next requests.
 *
 * @since 0.1.0
 */
public final class SimulatedFault {

    enum Kind {
        RATE_LIMITED,
        SERVER_ERROR,
        HTML_ERROR_PAGE,
        GARBAGE,
        STREAM_CUT,
        CONNECTION_DROPPED,
        SLOW_FIRST_BYTE
    }

    private final Kind kind;

    private final Duration duration;

    private SimulatedFault(Kind kind, Duration duration) {
        this.kind = kind;
        this.duration = duration;
    }

    /** HTTP 429 with a {@code Retry-After} header of the given whole seconds. */
    public static SimulatedFault rateLimited(Duration retryAfter) {
        return new SimulatedFault(Kind.RATE_LIMITED, retryAfter);
    }

    /** HTTP 500 with the dialect's error body. */
    public static SimulatedFault serverError() {
        return new SimulatedFault(Kind.SERVER_ERROR, Duration.ZERO);
    }

    /** HTTP 502 with an HTML page, as a proxy in front of a hub sends. */
    public static SimulatedFault htmlErrorPage() {
        return new SimulatedFault(Kind.HTML_ERROR_PAGE, Duration.ZERO);
    }

    /** HTTP 200 with a body that is not JSON. */
    public static SimulatedFault garbage() {
        return new SimulatedFault(Kind.GARBAGE, Duration.ZERO);
    }

    /**
     * A stream that stops after the first piece of its answer, without {@code data: [DONE]} (a call
     * gets half a body).
     */
    public static SimulatedFault streamCutBeforeDone() {
        return new SimulatedFault(Kind.STREAM_CUT, Duration.ZERO);
    }

    /**
     * The first part of the reply, then the connection closes before the body has the length its
     * headers declared, as when a connection is reset or a proxy fails mid-reply: a stream gets the
     * first piece of its answer first, a call half a body.
     */
    public static SimulatedFault connectionDropped() {
        return new SimulatedFault(Kind.CONNECTION_DROPPED, Duration.ZERO);
    }

    /** The normal reply, but only after a silence of the given length. */
    public static SimulatedFault slowFirstByte(Duration delay) {
        return new SimulatedFault(Kind.SLOW_FIRST_BYTE, delay);
    }

    Kind kind() {
        return kind;
    }

    Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return "SimulatedFault[" + kind + (duration.isZero() ? "" : ", " + duration) + "]";
    }
}
