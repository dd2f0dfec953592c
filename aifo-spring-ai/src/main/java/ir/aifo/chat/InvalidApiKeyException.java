package ir.aifo.chat;

/**
 * Thrown when a model is built with an API key that has a character no key can contain, such as a
 * line break or an invisible space; it gives the character's position and kind, never the key.
 *
 * @since 0.1.0
 */
public final class InvalidApiKeyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    private final String character;

    InvalidApiKeyException(int position, String character) {
        super("apiKey has " + character + " at position " + position + ", a character that an HTTP header cannot"
                + " carry and that no hub's key contains: correct the key where it is set (the key is not shown here)");
        this.position = position;
        this.character = character;
    }

    /** Where the character is in the key as it was given, counting from 1. */
    public int getPosition() {
        return position;
    }

    /** What the character is, such as {@code a line feed (U+000A)}; never the character itself. */
    public String getCharacter() {
        return character;
    }
}
