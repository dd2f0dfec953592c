package ir.aifo.internal.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import ir.aifo.internal.protocol.WireJson;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reply schema is the records; the fast reader must keep up with them. A reply with every
 * component of every reply record set, built from the records by reflection, must be read by the
 * reader itself (not handed to the mapper) into exactly what the mapper makes of it: a component
 * added to a record and not to the reader fails here instead of reading as {@code null}.
 */
class ChatCompletionReaderSchemaTest {

    /** Components the reader deliberately leaves to the mapper, each covered by a test of its own. */
    private static final Set<String> READ_BY_THE_MAPPER = Set.of("ChatCompletion.error");

    private final JsonMapper json = WireJson.newMapper();

    private final ChatCompletionReader reader = new ChatCompletionReader(json);

    private final AtomicInteger counter = new AtomicInteger();

    @Test
    void aReplyWithEveryComponentSetIsReadByTheReaderExactlyAsByTheMapper() {
        String reply = sample(ChatCompletion.class).toString();

        ChatCompletion direct = reader.readDirectly(reply);

        assertThat(direct).as("read by the reader itself: %s", reply).isNotNull();
        assertThat(direct).isEqualTo(json.readValue(reply, ChatCompletion.class));
    }

    @Test
    void componentsLeftToTheMapperAreStillReadInFull() {
        ObjectNode reply = sample(ChatCompletion.class);
        reply.putObject("error").put("message", "خطا").put("type", "server_error");

        assertThat(reader.readDirectly(reply.toString())).isNull();
        assertThat(reader.read(reply.toString())).isEqualTo(json.readValue(reply.toString(), ChatCompletion.class));
        assertThat(reader.read(reply.toString()).error().get("message").asString())
                .isEqualTo("خطا");
    }

    private ObjectNode sample(Class<?> record) {
        ObjectNode node = json.createObjectNode();
        for (RecordComponent component : record.getRecordComponents()) {
            if (READ_BY_THE_MAPPER.contains(record.getSimpleName() + "." + component.getName())) {
                continue;
            }
            // Jackson's annotation does not target record components: it lands on the accessor.
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null ? renamed.value() : component.getName();
            node.set(name, sampleValue(component.getGenericType(), component.getName()));
        }
        return node;
    }

    private JsonNode sampleValue(Type type, String name) {
        int distinct = counter.incrementAndGet();
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                return json.createArrayNode().add(sampleValue(generic.getActualTypeArguments()[0], name));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return json.createObjectNode().put(name + "-key", "value-" + distinct);
            }
            throw new AssertionError("No sample for " + type + ": teach this test the new type");
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class || raw == JsonNode.class) {
            return json.getNodeFactory().stringNode(name + "-" + distinct);
        }
        if (raw == Integer.class || raw == Long.class) {
            return json.getNodeFactory().numberNode(distinct);
        }
        if (raw == Boolean.class) {
            return json.getNodeFactory().booleanNode(true);
        }
        if (raw.isRecord()) {
            return sample(raw);
        }
        throw new AssertionError("No sample for " + type + ": teach this test the new type");
    }
}
