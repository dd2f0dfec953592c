package ir.aifo.chat.error;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The facts a hub gave about a failed call: the HTTP status and its own error fields.
 *
 * @param status the HTTP status of the reply, or 0 when no reply arrived
 * @param message the hub's own message, exactly as sent (UTF-8 text such as Persian kept intact)
 * @param type the hub's error type, such as {@code invalid_request_error}
 * @param code the hub's error code, such as {@code invalid_api_key}
 * @param param the request field the hub blamed, if it named one
 * @since 0.1.0
 */
public record HubError(
        int status,
        @Nullable String message,
        @Nullable String type,
        @Nullable String code,
        @Nullable String param) implements Serializable {

    /** An error that carries only a status and a message. */
    public static HubError of(int status, @Nullable String message) {
        return new HubError(status, message, null, null, null);
    }

    /**
     * A message that leads with an English summary and keeps the hub's own words, for example
     * {@code "The hub rejected the API key (HTTP 401, code invalid_api_key): کلید نامعتبر است"}.
     */
    public String describe(String summary) {
        StringBuilder text = new StringBuilder(summary);
        // Blank fields are left out: TokenHub sends "param": "" when no field is to blame.
        if (status > 0 || hasText(code) || hasText(param)) {
            text.append(" (");
            String separator = "";
            if (status > 0) {
                text.append("HTTP ").append(status);
                separator = ", ";
            }
            if (hasText(code)) {
                text.append(separator).append("code ").append(code);
                separator = ", ";
            }
            if (hasText(param)) {
                text.append(separator).append("param ").append(param);
            }
            text.append(')');
        }
        if (hasText(message)) {
            text.append(": ").append(message);
        }
        return text.toString();
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
