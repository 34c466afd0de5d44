package dev.nnpaint.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the project's Markdown pages the way a reader copies from them: fenced code blocks, the command lines in
 * them as a shell would split them, and the relative links and images of the prose.
 */
final class MarkdownDocs {

    /** A fenced code block: its language word, the line of its first content line (1-based), its lines. */
    record Block(String file, int line, String language, List<String> lines) { }

    /** One command of a shell block, split into words, with where it starts. */
    record Command(String file, int line, List<String> words) {
        String where() {
            return file + ":" + line;
        }
    }

    /** A link or image target outside code, with where it is. */
    record Link(String file, int line, String target) {
        String where() {
            return file + ":" + line;
        }
    }

    private static final Pattern FENCE = Pattern.compile("^\\s*(```+|~~~+)\\s*([\\w+-]*).*$");
    // [text](target) and ![alt](target "title"); the text may hold one level of brackets (an image in a link)
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s+<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern HTML_TARGET = Pattern.compile("<(?:img|a)\\s[^>]*?(?:src|href)=\"([^\"]+)\"");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    private MarkdownDocs() {
    }

    /** The folder holding README.md and docs/: the first parent of the working directory that has both. */
    static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
                return p;
            }
        }
        throw new IllegalStateException("no folder above " + Path.of("").toAbsolutePath() + " has README.md and docs/");
    }

    /** README.md and every docs/*.md, as paths relative to the root, README first. */
    static List<Path> pages(Path root) {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted()
                    .forEach(p -> pages.add(root.relativize(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fenced code blocks of a page. */
    static List<Block> blocks(String file, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(1);
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().startsWith(fence)) {
                end++;
            }
            blocks.add(new Block(file, start + 1, open.group(2).toLowerCase(Locale.ROOT), lines.subList(start, end)));
            i = end;
        }
        return blocks;
    }

    /**
     * Every command in the page's {@code sh}, {@code bash} and {@code shell} blocks whose first word (after any
     * {@code NAME=value} assignments) is one of {@code programs}: backslash continuations joined, comments dropped,
     * quotes removed, and commands chained with {@code &&}, {@code ||}, {@code ;} or {@code |} taken one by one.
     * Synopsis ({@code text}) and transcript ({@code console}) blocks are not commands to copy, so they are left out.
     */
    static List<Command> commands(String file, List<String> lines, Set<String> programs) {
        List<Command> commands = new ArrayList<>();
        for (Block block : blocks(file, lines)) {
            if (!Set.of("sh", "bash", "shell").contains(block.language())) {
                continue;
            }
            List<String> body = block.lines();
            for (int i = 0; i < body.size(); i++) {
                int first = i;
                StringBuilder joined = new StringBuilder(body.get(i));
                while (endsWithContinuation(joined) && i + 1 < body.size()) {
                    joined.setLength(joined.length() - 1);
                    joined.append(' ').append(body.get(++i).strip());
                }
                for (List<String> words : shellCommands(joined.toString())) {
                    int w = 0;
                    while (w < words.size() && words.get(w).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                        w++;
                    }
                    if (w < words.size() && programs.contains(words.get(w))) {
                        commands.add(new Command(file, block.line() + first, words.subList(w, words.size())));
                    }
                }
            }
        }
        return commands;
    }

    private static boolean endsWithContinuation(CharSequence s) {
        int n = s.length();
        int backslashes = 0;
        while (backslashes < n && s.charAt(n - 1 - backslashes) == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /**
     * Splits one shell line into its commands and their words, as POSIX sh would for the simple lines of the docs:
     * single and double quotes, backslash escapes, a comment from an unquoted {@code #} at the start of a word,
     * and {@code && || ; |} between commands. Variables are kept as written.
     */
    static List<List<String>> shellCommands(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed ' in: " + line);
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
                        d = line.charAt(++j);
                    }
                    word.append(d);
                }
                if (j >= line.length()) {
                    throw new IllegalArgumentException("unclosed \" in: " + line);
                }
                inWord = true;
                i = j;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == ';' || c == '|' || c == '&') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == '&' && !(i + 1 < line.length() && line.charAt(i + 1) == '&')) {
                    throw new IllegalArgumentException("a lone & (background job) in: " + line);
                }
                if ((c == '&' || c == '|') && i + 1 < line.length() && line.charAt(i + 1) == c) {
                    i++;
                }
                if (!words.isEmpty()) {
                    commands.add(List.copyOf(words));
                }
                words.clear();
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
        }
        return commands;
    }

    /**
     * The link and image targets of a page outside code blocks and code spans: inline {@code [..](..)} and
     * {@code ![..](..)}, reference definitions {@code [id]: target}, and {@code src}/{@code href} of HTML tags.
     */
    static List<Link> links(String file, List<String> lines) {
        List<Link> links = new ArrayList<>();
        boolean inCode = false;
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher f = FENCE.matcher(line);
            if (!inCode && f.matches()) {
                inCode = true;
                fence = f.group(1);
                continue;
            }
            if (inCode) {
                if (line.strip().startsWith(fence)) {
                    inCode = false;
                }
                continue;
            }
            String prose = CODE_SPAN.matcher(line).replaceAll("");
            for (Pattern p : List.of(LINK, REFERENCE, HTML_TARGET)) {
                Matcher m = p.matcher(prose);
                while (m.find()) {
                    links.add(new Link(file, i + 1, m.group(1)));
                }
            }
        }
        return links;
    }

    /** The code spans of a page's prose (outside code blocks), with their line. */
    static List<Link> codeSpans(String file, List<String> lines) {
        List<Link> spans = new ArrayList<>();
        boolean inCode = false;
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher f = FENCE.matcher(line);
            if (!inCode && f.matches()) {
                inCode = true;
                fence = f.group(1);
                continue;
            }
            if (inCode) {
                if (line.strip().startsWith(fence)) {
                    inCode = false;
                }
                continue;
            }
            Matcher m = CODE_SPAN.matcher(line);
            while (m.find()) {
                spans.add(new Link(file, i + 1, m.group(2).strip()));
            }
        }
        return spans;
    }

    /**
     * The anchors of a page's headings as GitHub makes them: lower case, punctuation other than {@code -} and
     * {@code _} dropped, spaces turned into {@code -}, and {@code -1}, {@code -2}, ... after repeated headings.
     */
    static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inCode = false;
        String fence = null;
        for (String line : lines) {
            Matcher f = FENCE.matcher(line);
            if (!inCode && f.matches()) {
                inCode = true;
                fence = f.group(1);
                continue;
            }
            if (inCode) {
                if (line.strip().startsWith(fence)) {
                    inCode = false;
                }
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String text = h.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
                String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        }
        return anchors;
    }
}
