package dev.nnpaint.ops.format;

/** Text inside the markup nnpaint writes (SVG plots, HTML galleries). */
public final class Markup {

    private Markup() {
    }

    /** Text as XML/HTML character data or attribute value: the five characters with a meaning in markup escaped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
