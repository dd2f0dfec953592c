package ir.aifo.test;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** What one simulated hub remembers between requests: keys, plans, counters, queued faults, the journal. */
final class SimulatorState {

    private final Clock clock;

    private final Map<String, MyAiHubPlan> plans = new ConcurrentHashMap<>();

    // key -> "yyyy-MM/provider" -> requests counted
    private final Map<String, Map<String, AtomicInteger>> counters = new ConcurrentHashMap<>();

    private volatile RequestWindow openAiWindow = new RequestWindow(500, Duration.ofMinutes(1));

    private final Set<String> rejectedKeys = ConcurrentHashMap.newKeySet();

    private final Deque<SimulatedFault> faults = new ArrayDeque<>();

    private final List<RecordedRequest> journal = new ArrayList<>();

    private final boolean keepsJournal;

    SimulatorState(Clock clock, boolean keepsJournal) {
        this.clock = clock;
        this.keepsJournal = keepsJournal;
    }

    Clock clock() {
        return clock;
    }

    YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

    void plan(String key, MyAiHubPlan plan) {
        plans.put(key, plan);
    }

    @Nullable
    MyAiHubPlan planOf(String key) {
        return plans.get(key);
    }

    void reject(String key) {
        rejectedKeys.add(key);
    }

    boolean isRejected(String key) {
        return rejectedKeys.contains(key);
    }

    AtomicInteger counter(String key, String provider) {
        return counters.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(currentMonth() + "/" + provider, k -> new AtomicInteger());
    }

    void openAiRequestLimit(int requests, Duration window) {
        openAiWindow = new RequestWindow(requests, window);
    }

    RequestWindow.Standing countOpenAiRequest(String key) {
        return openAiWindow.count(key, clock.instant());
    }

    synchronized void queueFaults(int count, SimulatedFault fault) {
        for (int i = 0; i < count; i++) {
            faults.addLast(fault);
        }
    }

    synchronized @Nullable SimulatedFault takeFault() {
        return faults.pollFirst();
    }

    /** False for a hub that runs as long as an application, where a journal would only grow. */
    boolean keepsJournal() {
        return keepsJournal;
    }

    /** Called only when {@link #keepsJournal()}, so that a simulator without one does not build the record. */
    synchronized void record(RecordedRequest request) {
        journal.add(request);
    }

    synchronized List<RecordedRequest> journal() {
        return List.copyOf(journal);
    }

    synchronized void reset() {
        faults.clear();
        journal.clear();
        counters.clear();
        openAiWindow.clear();
        rejectedKeys.clear();
    }
}
