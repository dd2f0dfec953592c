package ir.aifo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code footprint.sh} measured: the runtime classpath of each minimal app (jars and bytes) and
 * its context start times, one per run, in the interleaved order they were taken.
 *
 * <p>The file has tab-separated lines {@code classpath APP JARS BYTES} and {@code start APP MILLIS}.
 */
record Footprint(Map<String, long[]> classpaths, Map<String, List<Double>> starts) {

    static Footprint read(Path file) {
        Map<String, long[]> classpaths = new LinkedHashMap<>();
        Map<String, List<Double>> starts = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.split("\t");
                if (fields.length == 4 && fields[0].equals("classpath")) {
                    classpaths.put(fields[1], new long[] {Long.parseLong(fields[2]), Long.parseLong(fields[3])});
                } else if (fields.length == 3 && fields[0].equals("start")) {
                    starts.computeIfAbsent(fields[1], app -> new ArrayList<>()).add(Double.parseDouble(fields[2]));
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not read the footprint figures in " + file, failure);
        }
        return new Footprint(classpaths, starts);
    }

    /** The spread of {@code app}'s start times divided by {@code reference}'s, run by run. */
    Spread startRatios(String app, String reference) {
        return Spread.ofRatios(starts.get(app), starts.get(reference));
    }
}
