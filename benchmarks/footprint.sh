#!/usr/bin/env bash
# Footprint of a minimal app with each starter: the runtime classpath (jars and MB) and the Boot
# context start time ("Started ... in N seconds", median of RUNS interleaved runs) of a bare Boot app,
# one with aifo-spring-boot-starter and one with spring-ai-starter-model-openai.
#
#   benchmarks/footprint.sh [RUNS] [OUT_FILE]      (default: 10 runs, benchmarks/target/footprint.tsv)
#
# Expects the apps built: mvn -B -q -pl benchmarks/apps/bare,benchmarks/apps/aifo,benchmarks/apps/openai -am package -DskipTests
# (benchmarks/run.sh does that). Writes tab-separated lines "classpath APP JARS BYTES" and
# "start APP MILLIS" that the results table reads, and prints a summary.
set -euo pipefail

RUNS="${1:-10}"
OUT="${2:-$(dirname "$0")/target/footprint.tsv}"
mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
cd "$(dirname "$0")"
APPS=(bare aifo openai)
declare -A MAIN=(
    [bare]=ir.aifo.benchmarks.apps.bare.BareApplication
    [aifo]=ir.aifo.benchmarks.apps.aifo.AifoApplication
    [openai]=ir.aifo.benchmarks.apps.openai.OpenAiApplication
)

: > "$OUT"

classpath_of() {
    local app=$1
    local file="apps/$app/target/runtime-classpath.txt"
    if [ ! -f "$file" ]; then
        echo "apps/$app is not built: run benchmarks/run.sh, or mvn -pl benchmarks/apps/$app -am package" >&2
        exit 1
    fi
    cat "$file"
}

# The runtime classpath as the app runs it: every jar its dependencies resolve to (its own classes are a few KB).
for app in "${APPS[@]}"; do
    cp="$(classpath_of "$app")"
    jars=$(tr ':' '\n' <<< "$cp" | grep -c '\.jar$')
    bytes=$(tr ':' '\n' <<< "$cp" | grep '\.jar$' | xargs stat -c %s | awk '{s += $1} END {print s}')
    printf 'classpath\t%s\t%s\t%s\n' "$app" "$jars" "$bytes" >> "$OUT"
done
# The raw client's classpath: the three Jackson 3 jars the JDK client needs beside it.
raw=$(tr ':' '\n' <<< "$(classpath_of aifo)" \
    | grep -E '/(jackson-core|jackson-databind)-3[^/]*\.jar$|/jackson-annotations-[^/]*\.jar$')
printf 'classpath\traw\t%s\t%s\n' "$(wc -l <<< "$raw")" "$(xargs stat -c %s <<< "$raw" | awk '{s += $1} END {print s}')" >> "$OUT"

# Context start, interleaved (bare, aifo, openai, then rotated) so that a busy moment hits all three.
for run in $(seq 1 "$RUNS"); do
    for i in 0 1 2; do
        app=${APPS[$(( (i + run) % 3 ))]}
        cp="apps/$app/target/classes:$(classpath_of "$app")"
        line=$(java -cp "$cp" "${MAIN[$app]}" 2>&1 | grep -m1 'Started .* in ' || true)
        if [ -z "$line" ]; then
            echo "the $app app did not start:" >&2
            java -cp "$cp" "${MAIN[$app]}" >&2 || true
            exit 1
        fi
        seconds=$(sed -E 's/.* in ([0-9.]+) seconds.*/\1/' <<< "$line")
        printf 'start\t%s\t%s\n' "$app" "$(awk -v s="$seconds" 'BEGIN {printf "%.0f", s * 1000}')" >> "$OUT"
    done
done

awk -F'\t' '
    $1 == "classpath" { printf "%-7s classpath %3d jars %6.1f MB\n", $2, $3, $4 / 1048576 }
    $1 == "start" { n[$2]++; v[$2, n[$2]] = $3 }
    END {
        for (app in n) {
            m = n[app]
            for (i = 1; i <= m; i++) s[i] = v[app, i]
            for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
            median = (m % 2) ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
            printf "%-7s context start median %5.0f ms (%d..%d over %d runs)\n", app, median, s[1], s[m], m
        }
    }' "$OUT"
