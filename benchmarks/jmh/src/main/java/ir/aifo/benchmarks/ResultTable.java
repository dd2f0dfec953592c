package ir.aifo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders the figures as Markdown tables (readable as plain text too): each client's median and
 * min..max over the rounds, its ratio to raw round by round, and whether AifoChatModel meets the
 * issue's target and beats {@code OpenAiChatModel}. In an A/A control run the AiFO column is a second
 * raw client, and the verdicts give its ratio instead of judging it.
 */
final class ResultTable {

    private static final double MIB = 1024.0 * 1024.0;

    private final Map<Figure, Map<String, List<Double>>> values;

    private final @Nullable Footprint footprint;

    private final boolean control;

    private final List<String> verdicts = new ArrayList<>();

    ResultTable(Map<Figure, Map<String, List<Double>>> values, @Nullable Footprint footprint, boolean control) {
        this.values = values;
        this.footprint = footprint;
        this.control = control;
    }

    String render(String machine, BenchmarkSuite.Schedule schedule) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "Calls and streams: %d interleaved rounds, each client in its own forked JVM per round"
                        + " (%d warm-up + %d measured iterations of %d s) against one loopback stub hub;"
                        + " a cell is the median (min..max) over the rounds, a ratio is taken within each round.%n%n",
                schedule.rounds(),
                schedule.warmup(),
                schedule.iterations(),
                schedule.seconds()));
        if (control) {
            out.append("A/A control (`benchmarks/run.sh --control`): the AifoChatModel column is the raw client"
                    + " again, in forks of its own; its ratios are how far two identical clients drift apart here,"
                    + " and nothing is judged.\n\n");
        }
        out.append("| figure | raw JDK HttpClient + Jackson 3 | AifoChatModel | AiFO ÷ raw | OpenAiChatModel"
                + " | OpenAI ÷ raw | target for AiFO | met | AiFO better than OpenAI |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Figure figure : Figure.values()) {
            Map<String, List<Double>> byClient = values.get(figure);
            if (byClient != null) {
                row(out, figure, byClient);
            }
        }
        if (footprint != null) {
            out.append('\n');
            footprint(out, footprint);
        }
        if (!verdicts.isEmpty()) {
            out.append('\n');
            verdicts.forEach(verdict -> out.append("- ").append(verdict).append('\n'));
        }
        return out.toString();
    }

    private void row(StringBuilder out, Figure figure, Map<String, List<Double>> byClient) {
        List<Double> raw = byClient.get("raw");
        List<Double> aifo = byClient.get("aifo");
        List<Double> openAi = byClient.get("openai");
        Spread aifoRatio = Spread.ofRatios(aifo, raw);
        Spread aifoValue = spread(aifo);
        Spread openAiValue = spread(openAi);
        String met = "";
        if (control && !aifoRatio.isEmpty()) {
            met = "A/A";
            verdicts.add(String.format(
                    Locale.ROOT,
                    "%s: raw ÷ raw %.2f× (%.2f..%.2f), A/A control",
                    figure.title,
                    aifoRatio.median(),
                    aifoRatio.min(),
                    aifoRatio.max()));
        } else if (figure.target > 0 && !aifoRatio.isEmpty()) {
            boolean meets = figure.meets(aifoRatio.median());
            met = meets ? "yes" : "**no**";
            verdicts.add(String.format(
                    Locale.ROOT,
                    "%s: AiFO %.2f× raw, target %s: %s",
                    figure.title,
                    aifoRatio.median(),
                    figure.targetText,
                    meets ? "met" : "MISSED"));
        }
        String beats = "";
        if (!control && !aifoValue.isEmpty() && !openAiValue.isEmpty()) {
            beats = figure.better(aifoValue.median(), openAiValue.median()) ? "yes" : "**no**";
        }
        out.append("| ")
                .append(figure.title)
                .append(", ")
                .append(figure.unit)
                .append(" | ")
                .append(cell(figure, spread(raw)))
                .append(" | ")
                .append(cell(figure, aifoValue))
                .append(" | ")
                .append(ratioCell(aifoRatio))
                .append(" | ")
                .append(cell(figure, openAiValue))
                .append(" | ")
                .append(ratioCell(Spread.ofRatios(openAi, raw)))
                .append(" | ")
                .append(figure.targetText)
                .append(" | ")
                .append(met)
                .append(" | ")
                .append(beats)
                .append(" |\n");
    }

    private void footprint(StringBuilder out, Footprint footprint) {
        int runs =
                footprint.starts().values().stream().mapToInt(List::size).max().orElse(0);
        out.append(String.format(
                Locale.ROOT,
                "| minimal app | runtime classpath | context start, ms (median (min..max) of %d interleaved runs)"
                        + " | start ÷ bare Boot app |%n",
                runs));
        out.append("|---|---|---|---|\n");
        Spread aifoStart = footprint.startRatios("aifo", "bare");
        Spread openAiStart = footprint.startRatios("openai", "bare");
        footprintRow(
                out,
                footprint,
                "raw",
                "raw JDK HttpClient + Jackson 3 (no Boot)",
                ratioCell(footprint.startRatios("raw", "bare")));
        footprintRow(out, footprint, "bare", "bare Boot app (spring-boot-starter)", "1");
        footprintRow(out, footprint, "aifo", "with aifo-spring-boot-starter", ratioCell(aifoStart));
        footprintRow(out, footprint, "openai", "with spring-ai-starter-model-openai", ratioCell(openAiStart));
        long[] aifo = footprint.classpaths().get("aifo");
        long[] openAi = footprint.classpaths().get("openai");
        if (aifo != null && openAi != null) {
            double share = (double) aifo[1] / openAi[1];
            verdicts.add(String.format(
                    Locale.ROOT,
                    "runtime classpath: AiFO %.1f MB = %.0f%% of OpenAI's %.1f MB, target ≤ 30%%: %s",
                    aifo[1] / MIB,
                    share * 100,
                    openAi[1] / MIB,
                    share <= 0.30 ? "met" : "MISSED"));
        }
        if (!aifoStart.isEmpty()) {
            verdicts.add(String.format(
                    Locale.ROOT,
                    "context start: AiFO %.2f× bare (OpenAI %.2f×), target ≤ 1.3× bare: %s",
                    aifoStart.median(),
                    openAiStart.median(),
                    aifoStart.median() <= 1.3 ? "met" : "MISSED"));
        }
    }

    // The caller passes the ratio cell in: it needs aifo's and openai's start ratios for its verdict as well.
    private static void footprintRow(
            StringBuilder out, Footprint footprint, String app, String title, String startRatio) {
        long[] classpath = footprint.classpaths().get(app);
        List<Double> starts = footprint.starts().get(app);
        out.append("| ")
                .append(title)
                .append(" | ")
                .append(
                        classpath == null
                                ? "–"
                                : String.format(Locale.ROOT, "%d jars, %.1f MB", classpath[0], classpath[1] / MIB))
                .append(" | ")
                .append(starts == null ? "–" : cell(Figure.CALL_P50, Spread.of(starts)))
                .append(" | ")
                .append(starts == null ? "–" : startRatio)
                .append(" |\n");
    }

    private static Spread spread(@Nullable List<Double> values) {
        return values == null ? Spread.of(List.of()) : Spread.of(values);
    }

    private static String cell(Figure figure, Spread spread) {
        if (spread.isEmpty()) {
            return "–";
        }
        return figure.format(spread.median()) + " (" + figure.format(spread.min()) + ".." + figure.format(spread.max())
                + ")";
    }

    private static String ratioCell(Spread spread) {
        if (spread.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f× (%.2f..%.2f)", spread.median(), spread.min(), spread.max());
    }
}
