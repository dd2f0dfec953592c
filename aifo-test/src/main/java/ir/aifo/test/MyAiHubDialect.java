package ir.aifo.test;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * MyAIHub's {@code /api/chat_v3.php} as its document defines it: the key in the body, plans with
 * monthly per-provider request counters that renew each calendar month (UTC), the reply of section 6
 * and the five errors of section 8, all with status 200 as the document's examples suggest.
 */
final class MyAiHubDialect {

    private final SimulatorState state;

    private final JsonMapper json;

    private final FaultReplies faults;

    MyAiHubDialect(SimulatorState state, JsonMapper json) {
        this.state = state;
        this.json = json;
        // A PHP warning is what a PHP hub sends when its database is down.
        this.faults = new FaultReplies(
                json.writeValueAsString(body("تعداد درخواست‌ها زیاد است؛ کمی بعد دوباره تلاش کنید.")),
                json.writeValueAsString(body("خطای داخلی سرور")),
                "text/html; charset=utf-8",
                "Warning: mysqli_connect(): (HY000/2002)",
                "{\"error\": false, \"reply\": \"پاسخی که نیمه‌کاره ماند\", \"model\": \"x\"}");
    }

    void handle(HttpExchange exchange, @Nullable JsonNode request, @Nullable SimulatedFault fault) throws IOException {
        if (fault != null && faults.answerWith(exchange, fault)) {
            return;
        }
        String key = text(request, "api_key");
        String model = text(request, "model");
        String prompt = text(request, "prompt");
        if (key.isBlank() || model.isBlank() || prompt.isBlank()) {
            error(exchange, body("api_key یا model یا prompt خالی است."));
            return;
        }
        MyAiHubPlan plan = state.planOf(key);
        if (plan == null) {
            ObjectNode error = body("License key نامعتبر است یا فعال نیست.");
            error.put("details", "License key is not active or does not exist.");
            error(exchange, error);
            return;
        }
        String provider = providerOf(model);
        if (provider.equals("openai") && plan != MyAiHubPlan.VIP) {
            ObjectNode error = body("در پلن " + plan.name()
                    + " مدل‌های مستقیم OpenAI در دسترس نیست. برای OpenAI باید پلن VIP داشته باشید.");
            error.put("plan", plan.wireName());
            error(exchange, error);
            return;
        }
        if (model.toLowerCase(Locale.ROOT).startsWith("deepseek/") && plan == MyAiHubPlan.BASIC) {
            ObjectNode error =
                    body("در پلن BASIC مدل‌های DeepSeek در دسترس نیست. برای DeepSeek باید پلن PRO یا VIP داشته باشید.");
            error.put("plan", plan.wireName());
            error(exchange, error);
            return;
        }
        int limit = plan.limitOf(provider);
        if (!reserve(key, provider, limit)) {
            quotaSpent(exchange, key, plan, provider);
            return;
        }
        String reply = "پاسخ شبیه‌ساز MyAIHub به «" + prompt + "»"
                + (request != null && request.hasNonNull("image_url") ? " (تصویر دریافت شد)" : "");
        ObjectNode body = json.createObjectNode();
        body.put("error", false);
        body.put("reply", reply);
        body.put("model", model);
        body.put("source", provider);
        body.put("plan", plan.wireName());
        body.set("usage", usage(key, plan));
        body.set("usage_breakdown", breakdown(key, plan));
        Replies.json(exchange, 200, json.writeValueAsString(body));
    }

    /** OpenAI (GPT) models count against the GPT bucket, every other model against OpenRouter (section 5.2). */
    static String providerOf(String model) {
        String lower = model.toLowerCase(Locale.ROOT);
        return lower.startsWith("openai/") || lower.startsWith("gpt") ? "openai" : "openrouter";
    }

    private boolean reserve(String key, String provider, int limit) {
        var counter = state.counter(key, provider);
        while (true) {
            int used = counter.get();
            if (used >= limit) {
                return false;
            }
            if (counter.compareAndSet(used, used + 1)) {
                return true;
            }
        }
    }

    private void quotaSpent(HttpExchange exchange, String key, MyAiHubPlan plan, String provider) throws IOException {
        if (provider.equals("openai")) {
            ObjectNode error = body("سقف ماهانه GPT/OpenAI شما تمام شده است.");
            error.put("plan", plan.wireName());
            ObjectNode breakdown = error.putObject("usage_breakdown");
            breakdown.set("openai", bucket(key, plan, "openai"));
            error(exchange, error);
        } else {
            ObjectNode error = body("سقف ماهانه OpenRouter شما تمام شده است.");
            error.put("plan", plan.wireName());
            ObjectNode usage = bucket(key, plan, "openrouter");
            usage.put("plan", plan.wireName())
                    .put("period", state.currentMonth().toString());
            error.set("usage", usage);
            error(exchange, error);
        }
    }

    private ObjectNode usage(String key, MyAiHubPlan plan) {
        int used = state.counter(key, "openrouter").get()
                + state.counter(key, "openai").get();
        int limit = plan.limitOf("openrouter") + plan.limitOf("openai");
        ObjectNode usage = json.createObjectNode();
        usage.put("plan", plan.wireName());
        usage.put("period", state.currentMonth().toString());
        usage.put("used", used).put("limit", limit).put("remaining", Math.max(0, limit - used));
        return usage;
    }

    private ObjectNode breakdown(String key, MyAiHubPlan plan) {
        ObjectNode breakdown = json.createObjectNode();
        breakdown.set("openrouter", bucket(key, plan, "openrouter"));
        breakdown.set("openai", bucket(key, plan, "openai"));
        return breakdown;
    }

    private ObjectNode bucket(String key, MyAiHubPlan plan, String provider) {
        int used = state.counter(key, provider).get();
        int limit = plan.limitOf(provider);
        ObjectNode bucket = json.createObjectNode();
        bucket.put("used", used).put("limit", limit).put("remaining", Math.max(0, limit - used));
        return bucket;
    }

    private ObjectNode body(String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error", true);
        body.put("message", message);
        return body;
    }

    // MyAIHub reports its errors with status 200 (section 8).
    private void error(HttpExchange exchange, ObjectNode body) throws IOException {
        Replies.json(exchange, 200, json.writeValueAsString(body));
    }

    private static String text(@Nullable JsonNode request, String field) {
        if (request == null) {
            return "";
        }
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? "" : value.asString("");
    }
}
