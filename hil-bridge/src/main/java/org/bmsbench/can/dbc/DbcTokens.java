package org.bmsbench.can.dbc;

import java.util.ArrayList;
import java.util.List;

/**
 * A DBC text cut into words, strings and punctuation, each with its line. A string may run over several lines
 * (comments often do); a word is a run of letters, digits and {@code _ . + -}, so {@code 0|12@0-} reads as
 * {@code 0 | 12 @ 0-}.
 */
final class DbcTokens {
    enum Kind { WORD, STRING, PUNCTUATION }

    /**
     * @param startsLine whether the token is the first on its line
     * @param indented   whether whitespace precedes it on its line
     */
    record Token(Kind kind, String text, int line, boolean startsLine, boolean indented) {
        boolean is(String punctuationOrWord) {
            return kind != Kind.STRING && text.equals(punctuationOrWord);
        }

        /** How a message quotes it: a string in quotes, anything else as it is. */
        String shown() {
            return kind == Kind.STRING ? "\"" + text + "\"" : "'" + text + "'";
        }
    }

    private DbcTokens() {
    }

    static List<Token> of(String source, String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        boolean lineStarted = false;
        boolean indented = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStarted = false;
                indented = false;
                i++;
            } else if (Character.isWhitespace(c)) {
                indented |= !lineStarted;
                i++;
            } else if (c == '"') {
                int startLine = line;
                StringBuilder string = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new DbcException(source, startLine, "a string that does not end: expected a closing \"");
                    }
                    char s = text.charAt(i);
                    if (s == '"') {
                        i++;
                        break;
                    }
                    if (s == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                        s = text.charAt(++i);
                    } else if (s == '\n') {
                        line++;
                    }
                    if (s != '\r') {
                        string.append(s);
                    }
                    i++;
                }
                tokens.add(new Token(Kind.STRING, string.toString(), startLine, !lineStarted, indented));
                lineStarted = true;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), line, !lineStarted, indented));
                lineStarted = true;
            } else {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c), line, !lineStarted, indented));
                lineStarted = true;
                i++;
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '+' || c == '-')
                || c >= 128 && Character.isLetter(c);
    }
}
