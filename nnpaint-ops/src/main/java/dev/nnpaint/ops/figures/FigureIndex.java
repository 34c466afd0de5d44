package dev.nnpaint.ops.figures;

import java.util.List;
import java.util.Locale;

import static dev.nnpaint.ops.format.Markup.escape;

/**
 * The gallery page: per article, each figure with its title, caption, image (PNG or GIF), and the command that
 * makes it again. Plain HTML with relative links, so the folder can be moved or published as it is.
 */
public final class FigureIndex {

    private FigureIndex() {
    }

    public static String html(Manifest manifest, List<FigureResult> results, double totalSeconds) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>nnpaint: the articles' figures</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;")
                .append("color:#222;background:#fafafa}\n")
                .append("figure{margin:0 0 2.5em 0;padding:1em;background:#fff;border:1px solid #ddd;")
                .append("border-radius:6px}\n")
                .append("figure img{max-width:100%;image-rendering:auto;display:block;margin:0.5em 0}\n")
                .append("figcaption h3{margin:0 0 0.3em 0}\n")
                .append("pre{background:#f0f0f0;padding:0.6em;overflow-x:auto;white-space:pre-wrap;")
                .append("word-break:break-all}\n")
                .append(".failed{color:#b00020}\n.meta{color:#666;font-size:0.9em}\n</style>\n</head>\n<body>\n")
                .append("<h1>The articles' figures, made by nnpaint</h1>\n")
                .append("<p class=\"meta\">").append(results.size()).append(" figures, ")
                .append(results.stream().filter(r -> !r.made()).count()).append(" failed, made in ")
                .append(String.format(Locale.ROOT, "%.1f", totalSeconds))
                .append(" s. Every command runs inside this folder; the recipes it reads are in <code>")
                .append(FigureArguments.RECIPES).append("/</code>.</p>\n");
        for (Article article : manifest.articles()) {
            List<FigureResult> own = results.stream().filter(r -> r.figure().article().equals(article.id())).toList();
            if (own.isEmpty()) {
                continue;
            }
            h.append("<h2><a href=\"").append(escape(article.url())).append("\">").append(escape(article.title()))
                    .append("</a></h2>\n<p class=\"meta\">").append(escape(article.author())).append("</p>\n");
            for (FigureResult r : own) {
                FigureSpec f = r.figure();
                h.append("<figure id=\"").append(escape(f.id())).append("\">\n<figcaption><h3>")
                        .append(escape(f.title())).append("</h3>\n<p>").append(escape(f.caption())).append("</p>\n")
                        .append("</figcaption>\n");
                if (r.made()) {
                    h.append("<a href=\"").append(escape(f.output())).append("\"><img src=\"")
                            .append(escape(f.output())).append("\" alt=\"").append(escape(f.title()))
                            .append("\"></a>\n");
                } else {
                    h.append("<p class=\"failed\">not made: ").append(escape(r.error())).append("</p>\n");
                }
                h.append("<pre>").append(escape(r.command())).append("</pre>\n<p class=\"meta\">")
                        .append(escape(f.id())).append(String.format(Locale.ROOT, ", %.1f s", r.seconds()))
                        .append("</p>\n</figure>\n");
            }
        }
        return h.append("</body>\n</html>\n").toString();
    }
}
