package org.bmsbench.report;

/** What the report pages share: the style sheet (inline: each page stands alone) and escaping. */
final class Html {
    static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;max-width:1040px;color:#222}"
            + "h1 span{font-size:.6em;padding:.2em .5em;border-radius:4px;vertical-align:middle}"
            + "span.pass{background:#2ca02c;color:#fff}span.fail{background:#d62728;color:#fff}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}"
            + "td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "th{background:#f4f4f4}tr.fail td{background:#fde8e8}tr.warn td{background:#fff4e0}"
            + "tr.inject td{background:#eef3fb}tr.pass td:first-child{color:#2ca02c}td.num{text-align:right}"
            + "p.file{color:#666;font-family:monospace}p.note{color:#666;font-size:.9em}img{display:block;"
            + "margin:.5em 0;border:1px solid #eee}a{color:#1f77b4}";

    private Html() {
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
