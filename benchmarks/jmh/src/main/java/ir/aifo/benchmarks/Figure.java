package ir.aifo.benchmarks;

import java.util.Locale;

/** One figure of the results table, with its unit, which way is better and the target for AifoChatModel. */
enum Figure {
    CALL_P50("call latency, median", "µs", Better.LOWER, 1.10, "≤ 1.10× raw"),
    CALL_P99("call latency, p99", "µs", Better.LOWER, 0, ""),
    CALL_CPU("CPU time per call, all threads", "µs", Better.LOWER, 0, ""),
    THROUGHPUT("throughput, 32 callers", "req/s", Better.HIGHER, 0.90, "≥ 0.90× raw"),
    THROUGHPUT_CPU("CPU time per call at 32 callers, all threads", "µs", Better.LOWER, 0, ""),
    STREAM_FIRST("1,000-chunk stream, first chunk (median)", "ms", Better.LOWER, 0, ""),
    STREAM_LAST("1,000-chunk stream, last chunk (median)", "ms", Better.LOWER, 1.25, "≤ 1.25× raw"),
    STREAM_LAST_P99("1,000-chunk stream, last chunk (p99)", "ms", Better.LOWER, 0, ""),
    STREAM_CPU("CPU time per 1,000-chunk stream, all threads", "ms", Better.LOWER, 0, ""),
    CALL_ALLOC("allocation per call", "KB", Better.LOWER, 1.5, "≤ 1.5× raw"),
    STREAM_ALLOC("allocation per 1,000-chunk stream", "MB", Better.LOWER, 1.5, "≤ 1.5× raw");

    enum Better {
        LOWER,
        HIGHER
    }

    final String title;

    final String unit;

    final Better better;

    /** The target ratio to raw for AifoChatModel; 0 when the issue sets none. */
    final double target;

    final String targetText;

    Figure(String title, String unit, Better better, double target, String targetText) {
        this.title = title;
        this.unit = unit;
        this.better = better;
        this.target = target;
        this.targetText = targetText;
    }

    boolean meets(double ratio) {
        return better == Better.LOWER ? ratio <= target : ratio >= target;
    }

    boolean better(double value, double than) {
        return better == Better.LOWER ? value < than : value > than;
    }

    /** A value in this figure's unit, with as many digits as its size deserves. */
    String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
