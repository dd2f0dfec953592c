#!/usr/bin/env bash
# The README's performance figures in one command (about 10 minutes on 2 cores):
#
#   benchmarks/run.sh                 5 interleaved JMH rounds, 10 context starts per app
#   benchmarks/run.sh --quick         1 round and 3 starts, shorter iterations: a smoke run (about 3 minutes)
#   benchmarks/run.sh --rounds 3 --benchmarks call,stream --clients raw,aifo --jfr
#   benchmarks/run.sh --common-pool 3 the forks' common pool pinned to 3 threads, as on a machine of 3 or more
#                                     cores
#   benchmarks/run.sh --control       an A/A run: the forks labelled aifo run the raw client as well, so the
#                                     AiFO ÷ raw ratios show how far two identical clients drift apart here
#   benchmarks/run.sh --route         only the router's overhead: AifoRouter against the same AifoChatModel
#                                     called directly, in one JVM per round, 5 rounds (about 5 minutes)
#   benchmarks/run.sh --store         only the quota store's overhead: AifoChatModel with a RedisQuotaStore on a
#                                     redis-server of its own against the in-memory tracker, in one JVM per
#                                     round, 5 rounds (about 5 minutes)
#
# Builds the benchmark modules (tests skipped), measures the minimal apps' classpath and context start
# (footprint.sh), then runs ir.aifo.benchmarks.BenchmarkSuite: raw JDK HttpClient + Jackson 3,
# AifoChatModel and Spring AI's OpenAiChatModel against one loopback stub hub, each benchmark of
# each client in its own forked JVM, every client once per round. Prints the table; it is also in
# benchmarks/target/results/table.md, the figures of every round in rounds.tsv beside it, and with
# --jfr a flight recording of each fork's measurement under jfr/. With --route it builds the JMH module
# alone and runs ir.aifo.benchmarks.RouteSuite instead (no footprint), its table in
# benchmarks/target/route-results/table.md; --rounds, --quick, --jfr, --benchmarks call,stream, --control
# (an A/A run: both sides call the model directly) and --messages N (a chat history per request) apply.
# With --store it runs ir.aifo.benchmarks.StoreSuite the same way, its table in
# benchmarks/target/store-results/table.md; --rounds, --quick, --jfr, --benchmarks call,stream and --control
# (an A/A run: both sides keep the quota in memory, no Redis) apply. It needs redis-server on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=5
starts=10
only=""
suite=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick)
            rounds=1
            starts=3
            suite+=(--warmup 2 --iterations 2)
            ;;
        --rounds)
            rounds=$2
            shift
            ;;
        --starts)
            starts=$2
            shift
            ;;
        --route | --store)
            only=${1#--}
            ;;
        *)
            suite+=("$1")
            ;;
    esac
    shift
done

started=$(date +%s)
if [ -n "$only" ]; then
    case "$only" in
        route) main=RouteSuite what="route overhead" ;;
        store) main=StoreSuite what="quota store overhead" ;;
    esac
    echo "== building the JMH benchmarks (tests skipped)"
    mvn -B -q -pl benchmarks/jmh -am package -DskipTests
    echo "== JMH: $what, $rounds rounds"
    cd benchmarks/jmh
    java -cp "target/classes:$(cat target/runtime-classpath.txt)" "ir.aifo.benchmarks.$main" \
        --rounds "$rounds" --warmup 12 --iterations 12 --out "../target/$only-results" "${suite[@]}"
    echo "== all done in $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s"
    exit 0
fi
echo "== building the benchmarks (tests skipped)"
mvn -B -q -pl benchmarks/jmh,benchmarks/apps/bare,benchmarks/apps/aifo,benchmarks/apps/openai -am package -DskipTests

echo "== classpath and context start of the minimal apps ($starts runs each)"
benchmarks/footprint.sh "$starts" benchmarks/target/footprint.tsv

echo "== JMH: $rounds interleaved rounds"
cd benchmarks/jmh
java -cp "target/classes:$(cat target/runtime-classpath.txt)" ir.aifo.benchmarks.BenchmarkSuite \
    --rounds "$rounds" --warmup 4 --iterations 3 \
    --footprint ../target/footprint.tsv --out ../target/results "${suite[@]}"
echo "== all done in $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s"
