package ir.aifo.test;

/**
 * MyAIHub's plans as its document (section 5) defines them: which models a key may use, and its monthly
 * request allowance per provider.
 *
 * @since 0.1.0
 */
public enum MyAiHubPlan {
    /** Light OpenRouter models; 150 OpenRouter requests a month, no GPT. */
    BASIC(150, 0),
    /** Every BASIC model, DeepSeek and stronger OpenRouter models; 750 OpenRouter requests, no GPT. */
    PRO(750, 0),
    /** Every PRO model and direct OpenAI (GPT); 750 OpenRouter and 80 GPT requests. */
    VIP(750, 80);

    private final int openRouterLimit;

    private final int openAiLimit;

    MyAiHubPlan(int openRouterLimit, int openAiLimit) {
        this.openRouterLimit = openRouterLimit;
        this.openAiLimit = openAiLimit;
    }

    /** The monthly allowance of a provider ({@code openrouter} or {@code openai}). */
    public int limitOf(String provider) {
        return provider.equals("openai") ? openAiLimit : openRouterLimit;
    }

    /** The plan's name as the hub writes it in replies, such as {@code vip}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
