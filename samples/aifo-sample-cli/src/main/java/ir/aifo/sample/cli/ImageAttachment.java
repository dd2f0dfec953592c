package ir.aifo.sample.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/** An image file read for {@code /image}, with its MIME type taken from the file's extension. */
final class ImageAttachment {

    // The formats the hubs' vision models accept; anything else would fail at the hub, later and less clearly.
    private static final Map<String, MimeType> TYPES = Map.of(
            "png", MimeTypeUtils.IMAGE_PNG,
            "jpg", MimeTypeUtils.IMAGE_JPEG,
            "jpeg", MimeTypeUtils.IMAGE_JPEG,
            "gif", MimeTypeUtils.IMAGE_GIF,
            "webp", new MimeType("image", "webp"));

    private final String name;

    private final MimeType mimeType;

    private final byte[] bytes;

    private ImageAttachment(String name, MimeType mimeType, byte[] bytes) {
        this.name = name;
        this.mimeType = mimeType;
        this.bytes = bytes;
    }

    /**
     * Reads the image at {@code pathText} ({@code ~/} meaning the home directory).
     *
     * @throws IllegalArgumentException naming the file, when it is missing, unreadable or not an image
     */
    static ImageAttachment read(String pathText) {
        Path path = resolve(pathText);
        String fileName =
                path.getFileName() == null ? pathText : path.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        MimeType type = dot < 0 ? null : TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No image file at " + path);
        }
        if (type == null) {
            throw new IllegalArgumentException(
                    "Cannot tell the image type of " + fileName + ": use a .png, .jpg, .jpeg, .gif or .webp file");
        }
        try {
            return new ImageAttachment(fileName, type, Files.readAllBytes(path));
        } catch (IOException failure) {
            throw new IllegalArgumentException("Cannot read " + path + ": " + failure.getMessage(), failure);
        }
    }

    private static Path resolve(String pathText) {
        String text = pathText.strip();
        if (text.length() > 1
                && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException invalid) {
            throw new IllegalArgumentException("Not a file path: " + pathText);
        }
    }

    String name() {
        return name;
    }

    MimeType mimeType() {
        return mimeType;
    }

    int size() {
        return bytes.length;
    }

    Media toMedia() {
        return Media.builder().mimeType(mimeType).data(bytes).name(name).build();
    }
}
