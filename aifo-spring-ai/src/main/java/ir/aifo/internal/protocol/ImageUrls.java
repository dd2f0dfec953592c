package ir.aifo.internal.protocol;

import java.util.Base64;
import org.springframework.ai.content.Media;

/**
 * Turns a Spring AI {@link Media} into the {@code image_url} string both dialects send.
 *
 * @since 0.1.0
 */
public final class ImageUrls {

    private ImageUrls() {}

    /**
     * The image as a URL: a link or {@code data:} URL as it was given, bytes and bare base64 as a
     * {@code data:} URL of the media's MIME type.
     *
     * @param hub the hub's name for the error message
     * @throws IllegalArgumentException when the media is not an image
     */
    public static String of(Media media, String hub) {
        if (!"image".equals(media.getMimeType().getType())) {
            throw new IllegalArgumentException("Media of type " + media.getMimeType() + " cannot be sent to " + hub
                    + ": only images (image/*) are supported");
        }
        Object data = media.getData();
        if (data instanceof byte[] bytes) {
            return dataUrl(media, Base64.getEncoder().encodeToString(bytes));
        }
        // Spring AI's Media keeps both a URL and base64 content as a string. Base64 has no ':', so a
        // string with one is a URL (https:, data:) and goes as it is; anything else is the image itself.
        String text = data.toString();
        return text.indexOf(':') > 0 ? text : dataUrl(media, text);
    }

    /** Whether the URL carries the image itself rather than pointing at it. */
    public static boolean isInline(String url) {
        return url.startsWith("data:");
    }

    private static String dataUrl(Media media, String base64) {
        return "data:" + media.getMimeType().getType() + "/"
                + media.getMimeType().getSubtype() + ";base64," + base64;
    }
}
