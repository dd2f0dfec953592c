package ir.aifo.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link StoreSuite}'s figures (see {@link TurnsTable}) with the target for the quota kept in Redis
 * against the default in-memory tracker; allocation differences in bytes, since they are small.
 */
final class StoreTable extends TurnsTable {

    /** A call's latency with the quota kept in Redis, at most this times the in-memory tracker's. */
    static final double CALL_LATENCY_TARGET = 1.03;

    StoreTable(Map<String, List<TurnsComparison>> byBenchmark, boolean control) {
        super(byBenchmark, StoreBenchmark.IN_MEMORY, StoreBenchmark.REDIS, control, AllocationUnit.B);
    }

    @Override
    void describe(StringBuilder out, BenchmarkSuite.Schedule schedule) {
        out.append(String.format(
                Locale.ROOT,
                "Quota store overhead: %d rounds, a forked JVM per benchmark per round in which two AifoChatModels"
                        + " built alike are called, one keeping the quota its replies report in the default"
                        + " in-memory tracker, the other in a RedisQuotaStore on a redis-server on this machine, the"
                        + " two sides taking turns (A B B A A B..., %d warm-up + %d measured iterations of %d s, half"
                        + " of each per side, A alternating by round) against one loopback stub hub whose replies"
                        + " report rate-limit windows of 1 s. A ratio \"(pairs)\" is the median over the round's"
                        + " pairs of neighbouring iterations (one of each side) of redis ÷ in-memory; a cell is the"
                        + " median (min..max) over the rounds. CPU time is the benchmark JVM's (all threads, the"
                        + " store's and Lettuce's too), not redis-server's.%n",
                schedule.rounds(),
                schedule.warmup(),
                schedule.iterations(),
                schedule.seconds()));
        if (control()) {
            out.append("A/A control: the side labelled redis keeps the quota in memory as well; its ratios show"
                    + " the harness's own noise, not the store's cost.\n");
        }
    }

    @Override
    String callHeading() {
        return control() ? "Blocking call, A/A (both sides in memory)" : "Blocking call, quota kept in Redis";
    }

    @Override
    String streamHeading() {
        return control() ? "A/A (both sides in memory)" : "quota kept in Redis";
    }

    @Override
    String controlCommand() {
        return "benchmarks/run.sh --store --control";
    }

    @Override
    double callLatencyTarget() {
        return CALL_LATENCY_TARGET;
    }

    @Override
    double callAllocationTargetBytes() {
        return Double.NaN;
    }
}
