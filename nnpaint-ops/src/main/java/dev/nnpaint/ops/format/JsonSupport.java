package dev.nnpaint.ops.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnpaint.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** What the JSON file formats share: one configured Jackson, the layout of written files, error wording. */
public final class JsonSupport {

    /**
     * Duplicate keys and anything after the top-level value are errors, as a typo must not pass silently.
     * Immutable once built, so one instance serves every thread.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * The tree mapper, for reading: built on first use, since loading it takes a third of a second and painting a
     * default image (which only writes JSON, through {@link #FACTORY}) has about a second in all.
     */
    static ObjectMapper mapper() {
        return Trees.MAPPER;
    }

    private static final class Trees {
        static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static final int MAX_SHOWN = 40;

    private JsonSupport() {
    }

    /**
     * Objects one entry per line, indented by two spaces; arrays on one line ({@code [1, 2, 3]}) unless
     * {@code arraysOnLines}; {@code "key": value}; always {@code \n}, whatever the platform.
     */
    static DefaultPrettyPrinter printer(boolean arraysOnLines) {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator("");
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(lines)
                .withArrayIndenter(arraysOnLines ? lines : new DefaultPrettyPrinter.NopIndenter());
    }

    static byte[] readBytes(Path path) {
        if (Files.isDirectory(path)) {
            throw new BadInputException("cannot read '" + path + "': it is a folder");
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new BadInputException("cannot read '" + path + "': " + AtomicOutput.reason(e), e);
        }
    }

    /** {@code source: invalid JSON at line L, column C: what the parser expected}. */
    public static BadInputException syntaxError(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return new BadInputException(source + ": invalid JSON" + where + ": " + shorten(forPeople(oneLine(what)), 160),
                e);
    }

    /**
     * The parser's message without what speaks to programmers: the settings that would allow a non-standard
     * token, and where the enclosing object started (which points at the parser's own input).
     */
    static String forPeople(String parserMessage) {
        String text = parserMessage;
        int source = text.indexOf("[Source:");
        if (source >= 0) {
            int open = text.lastIndexOf(" (", source);
            text = text.substring(0, open >= 0 ? open : source);
        }
        if (text.startsWith("Non-standard token ")) {
            int end = text.indexOf(':');
            String token = end < 0 ? text.substring(19) : text.substring(19, end);
            return token + " is not a JSON number; numbers in these files must be finite";
        }
        return text.replaceAll("\\s*\\([^()]*Feature[^()]*\\)", "")
                .replaceAll("\\s*\\([^()`]*`[^`]*`[^()]*\\)", "")
                .replaceAll(":?\\s*enable `[^`]*` to allow", "")
                .replaceAll("`[^`]*`", "")
                .trim();
    }

    /** The value as JSON, shortened: what a message shows after "got". */
    static String shown(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            return "a number beyond the range of doubles";
        }
        return shorten(oneLine(node.toString()), MAX_SHOWN);
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** Messages are shown as one line: user text inside them may hold line breaks or control characters. */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) || Character.isWhitespace(c) ? ' ' : c);
        }
        return b.toString().replaceAll(" {2,}", " ").trim();
    }

    /** The known name closest to a misspelt one, or null if none is close. */
    static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Math.max(2, name.length() / 3) + 1;
        for (String k : known) {
            int d = editDistance(name, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    static int editDistance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                row[j] = Math.min(Math.min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = row;
            row = t;
        }
        return previous[b.length()];
    }

    /** {@code unknown field 'x'; did you mean 'y'?} or the list of valid fields. */
    static String unknownField(String where, String name, Collection<String> known) {
        String suggestion = closest(name, known);
        return where + "unknown field '" + shorten(oneLine(name), MAX_SHOWN) + "'; "
                + (suggestion != null ? "did you mean '" + suggestion + "'?" : "valid: " + String.join(", ", known));
    }
}
