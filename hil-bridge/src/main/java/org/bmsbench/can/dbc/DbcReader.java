package org.bmsbench.can.dbc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bmsbench.can.CanFdLengths;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.dbc.DbcTokens.Kind;
import org.bmsbench.can.dbc.DbcTokens.Token;

/**
 * Reads a DBC file: nodes, messages, signals (Intel and Motorola, signed, float and double), simple and extended
 * multiplexing, value tables, comments and attributes. The sections it has no use for (environment variables,
 * signal types and groups, relations, ...) are skipped. A file is read as UTF-8, or as Windows-1252 when it is not
 * valid UTF-8 (as DBC editors on Windows write them). Anything it cannot read, or a signal that does not fit its
 * message, is refused with a {@link DbcException} naming the file, the line and what was expected.
 */
public final class DbcReader {
    private static final Charset WINDOWS_1252 = Charset.isSupported("windows-1252")
            ? Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;
    /** Vector's tools park signals that belong to no message in this pseudo message; it is no frame. */
    private static final String INDEPENDENT_SIGNALS = "VECTOR__INDEPENDENT_SIG_MSG";
    private static final String CYCLE_TIME = "GenMsgCycleTime";
    private static final String EXPECTED_KEYWORD =
            "expected a DBC keyword (BO_, SG_, CM_, BA_, VAL_, ...) at the start of the line, found ";
    private static final Set<String> SKIPPED = Set.of("VERSION", "NS_", "NS_DESC_", "BS_", "EV_", "ENVVAR_DATA_",
            "SGTYPE_", "SGTYPE_VAL_", "BA_DEF_SGTYPE_", "BA_SGTYPE_", "SIG_TYPE_REF_", "SIG_GROUP_",
            "SIGTYPE_VALTYPE_", "BO_TX_BU_", "BA_DEF_REL_", "BA_REL_", "BA_DEF_DEF_REL_", "BU_SG_REL_",
            "BU_EV_REL_", "BU_BO_REL_", "CAT_DEF_", "CAT_", "FILTER");
    private static final Set<String> READ = Set.of("BU_", "BO_", "SG_", "CM_", "BA_DEF_", "BA_DEF_DEF_", "BA_",
            "VAL_", "VAL_TABLE_", "SIG_VALTYPE_", "SG_MUL_VAL_");

    private final String source;
    private final List<Token> tokens;
    private final List<String> nodes = new ArrayList<>();
    private final Map<Long, MessageDraft> messages = new LinkedHashMap<>();
    private final Map<String, MessageDraft> messagesByName = new HashMap<>();
    private final Set<Long> pseudoMessages = new HashSet<>();
    private final Map<String, SortedMap<Long, String>> valueTables = new LinkedHashMap<>();
    private final Map<String, String> nodeComments = new HashMap<>();
    private final Map<String, AttributeDefinition> definitions = new HashMap<>();
    private final Map<String, Assigned> networkAttributes = new HashMap<>();
    private String networkComment = "";
    private MessageDraft current;
    private boolean inPseudoMessage;

    private DbcReader(String source, String text) {
        this.source = source;
        this.tokens = DbcTokens.of(source, text);
    }

    /** Reads {@code file}; its problems are reported against the path as given. */
    public static DbcDatabase read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Reads a DBC file's bytes, reporting problems against {@code source}. */
    public static DbcDatabase parse(String source, byte[] content) {
        return new DbcReader(source, text(content)).database();
    }

    private static String text(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            text = new String(content, WINDOWS_1252);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private DbcDatabase database() {
        int at = 0;
        while (at < tokens.size()) {
            Token keyword = tokens.get(at);
            if (!startsStatement(keyword)) {
                throw new DbcException(source, keyword.line(),
                        EXPECTED_KEYWORD + keyword.shown());
            }
            int end = endOf(keyword, at + 1);
            Statement statement = new Statement(keyword, tokens.subList(at + 1, end));
            if (!keyword.text().equals("SG_")) {
                current = null;
                inPseudoMessage = false;
            }
            if (READ.contains(keyword.text())) {
                read(statement);
            } else {
                statement.skip();
            }
            at = end;
        }
        return build();
    }

    private static boolean startsStatement(Token token) {
        return token.kind() == Kind.WORD && token.startsLine()
                && (READ.contains(token.text()) || SKIPPED.contains(token.text()));
    }

    /** Where the statement opened by {@code keyword} ends: at the next keyword that starts a line. */
    private int endOf(Token keyword, int from) {
        int i = from;
        if (keyword.text().equals("NS_")) {
            // the list of new symbols: indented lines of keywords, up to the first line that is not indented
            while (i < tokens.size() && (!tokens.get(i).startsLine() || tokens.get(i).indented())) {
                i++;
            }
            return i;
        }
        while (i < tokens.size() && !startsStatement(tokens.get(i))) {
            i++;
        }
        return i;
    }

    private void read(Statement s) {
        switch (s.keyword.text()) {
            case "BU_" -> {
                s.punctuation(":");
                while (!s.atEnd()) {
                    nodes.add(s.word("a node's name"));
                }
            }
            case "BO_" -> readMessage(s);
            case "SG_" -> readSignal(s);
            case "CM_" -> readComment(s);
            case "BA_DEF_" -> readAttributeDefinition(s);
            case "BA_DEF_DEF_" -> {
                String name = s.string("the attribute's name");
                Token value = s.value();
                s.finish();
                AttributeDefinition definition = definitions.get(name);
                if (definition != null) {
                    definition.defaultValue = new Assigned(value, s.keyword.line());
                }
            }
            case "BA_" -> readAttribute(s);
            case "VAL_" -> readValueDescriptions(s);
            case "VAL_TABLE_" -> {
                String name = s.word("the value table's name");
                valueTables.put(name, s.valueDescriptions());
                s.finish();
            }
            case "SIG_VALTYPE_" -> readValueType(s);
            case "SG_MUL_VAL_" -> readMultiplexerValues(s);
            default -> throw new IllegalStateException(s.keyword.text());
        }
    }

    private void readMessage(Statement s) {
        long fileId = s.unsignedInteger("the message's id");
        String name = s.word("the message's name");
        s.punctuation(":");
        int length = s.smallInteger("the message's length in bytes", CanFdLengths.MAX_LENGTH);
        String transmitter = s.word("the sending node (Vector__XXX for none)");
        s.endOfLine();
        if (name.equals(INDEPENDENT_SIGNALS)) {
            pseudoMessages.add(fileId);
            inPseudoMessage = true;
            return;
        }
        boolean extended = (fileId & 0x8000_0000L) != 0;
        long id = fileId & 0x7FFF_FFFFL;
        if (fileId > 0xFFFF_FFFFL || id > (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID)) {
            throw s.error("message " + name + ": id " + fileId + " is not a CAN id: expected 0-2047 for a standard"
                    + " id, or 2147483648 plus 0-536870911 (bit 31 set) for an extended one");
        }
        MessageDraft draft = new MessageDraft((int) id, extended, name, length, transmitter, s.keyword.line());
        MessageDraft sameId = messages.get(fileId);
        MessageDraft sameName = messagesByName.get(name);
        if (sameId != null || sameName != null) {
            MessageDraft other = sameId != null ? sameId : sameName;
            throw s.error("message " + name + ": the " + (sameId != null ? "id " + fileId : "name")
                    + " is already message " + other.name + "'s (line " + other.line + ")");
        }
        messages.put(fileId, draft);
        messagesByName.put(name, draft);
        current = draft;
    }

    private void readSignal(Statement s) {
        if (current == null && !inPseudoMessage) {
            throw s.error("a signal (SG_) outside a message: expected it right after its BO_ line");
        }
        SignalDraft draft = new SignalDraft(s.word("the signal's name"), s.keyword.line());
        if (!s.peekIs(":")) {
            String multiplexing = s.word("M, mN or ':' after the signal's name");
            if (!multiplexing.matches("M|m\\d{1,18}M?")) {
                throw s.error("signal " + draft.name + ": '" + multiplexing + "', expected M, mN, mNM or ':'");
            }
            draft.multiplexer = multiplexing.endsWith("M");
            if (multiplexing.startsWith("m")) {
                draft.selectingValue = Long.parseLong(multiplexing.substring(1).replace("M", ""));
            }
        }
        s.punctuation(":");
        draft.startBit = s.smallInteger("the start bit", CanFdLengths.MAX_LENGTH * 8 - 1);
        s.punctuation("|");
        draft.bitLength = s.smallInteger("the length in bits", 64);
        s.punctuation("@");
        String orderAndSign = s.word("the byte order and sign (1+, 1-, 0+ or 0-)");
        if (!orderAndSign.matches("[01][+-]")) {
            throw s.error("signal " + draft.name + ": '" + orderAndSign
                    + "', expected the byte order and sign: 1+, 1- (Intel) or 0+, 0- (Motorola)");
        }
        draft.byteOrder = orderAndSign.charAt(0) == '1' ? DbcSignal.ByteOrder.LITTLE_ENDIAN
                : DbcSignal.ByteOrder.BIG_ENDIAN;
        draft.signed = orderAndSign.charAt(1) == '-';
        s.punctuation("(");
        draft.factor = s.number("the factor");
        s.punctuation(",");
        draft.offset = s.number("the offset");
        s.punctuation(")");
        s.punctuation("[");
        draft.minimum = s.number("the minimum");
        s.punctuation("|");
        draft.maximum = s.number("the maximum");
        s.punctuation("]");
        draft.unit = s.string("the unit");
        while (!s.atEnd()) {
            s.onTheKeywordsLine("a receiving node");
            if (!s.peekIs(",")) {
                draft.receivers.add(s.word("a receiving node"));
            } else {
                s.punctuation(",");
            }
        }
        if (inPseudoMessage) {
            return;
        }
        DbcSignal probe;
        try {
            probe = draft.build(null, new long[0], Map.of());
        } catch (IllegalArgumentException e) {
            throw s.error(e.getMessage());
        }
        if (probe.bytesNeeded() > current.length) {
            throw s.error(DbcMessage.doesNotFit(probe, current.name, current.length));
        }
        if (current.signals.putIfAbsent(draft.name, draft) != null) {
            throw s.error("message " + current.name + " already has a signal " + draft.name);
        }
    }

    private void readComment(Statement s) {
        if (s.peekIs("BU_")) {
            s.word("BU_");
            String node = s.word("the node's name");
            nodeComments.put(node, s.string("the comment"));
        } else if (s.peekIs("BO_")) {
            s.word("BO_");
            MessageDraft message = message(s);
            String comment = s.string("the comment");
            if (message != null) {
                message.comment = comment;
            }
        } else if (s.peekIs("SG_")) {
            s.word("SG_");
            MessageDraft message = message(s);
            String signalName = s.word("the signal's name");
            String comment = s.string("the comment");
            if (message != null) {
                signal(s, message, signalName).comment = comment;
            }
        } else if (s.peekIs("EV_")) {
            s.word("EV_");
            s.word("the environment variable's name");
            s.string("the comment");
        } else {
            networkComment = s.string("the comment, or BU_, BO_, SG_ or EV_");
        }
        s.finish();
    }

    private void readAttributeDefinition(Statement s) {
        String objectType = "";
        for (String type : List.of("BU_", "BO_", "SG_", "EV_")) {
            if (s.peekIs(type)) {
                objectType = s.word(type);
            }
        }
        String name = s.string("the attribute's name");
        String type = s.word("the attribute's type (INT, HEX, FLOAT, STRING or ENUM)");
        List<String> enumValues = new ArrayList<>();
        switch (type) {
            case "INT", "HEX", "FLOAT" -> {
                s.number("the attribute's minimum");
                s.number("the attribute's maximum");
            }
            case "STRING" -> {
            }
            case "ENUM" -> {
                while (!s.peekIs(";")) {
                    enumValues.add(s.string("an enum value"));
                    if (!s.peekIs(";")) {
                        s.punctuation(",");
                    }
                }
            }
            default -> throw s.error("attribute " + name + ": type '" + type
                    + "', expected INT, HEX, FLOAT, STRING or ENUM");
        }
        s.finish();
        definitions.put(name, new AttributeDefinition(objectType, enumValues));
    }

    private void readAttribute(Statement s) {
        String name = s.string("the attribute's name");
        Map<String, Assigned> into;
        if (s.peekIs("BU_")) {
            s.word("BU_");
            s.word("the node's name");
            into = new HashMap<>(); // node attributes are read and not kept: nothing here uses them
        } else if (s.peekIs("BO_")) {
            s.word("BO_");
            MessageDraft message = message(s);
            into = message != null ? message.attributes : new HashMap<>();
        } else if (s.peekIs("SG_")) {
            s.word("SG_");
            MessageDraft message = message(s);
            String signalName = s.word("the signal's name");
            into = message != null ? signal(s, message, signalName).attributes : new HashMap<>();
        } else if (s.peekIs("EV_")) {
            s.word("EV_");
            s.word("the environment variable's name");
            into = new HashMap<>();
        } else {
            into = networkAttributes;
        }
        into.put(name, new Assigned(s.value(), s.keyword.line()));
        s.finish();
    }

    private void readValueDescriptions(Statement s) {
        Token first = s.peek("a message id or an environment variable's name");
        if (!first.text().matches("\\d+")) {
            s.skip(); // an environment variable's values
            return;
        }
        MessageDraft message = message(s);
        String signalName = s.word("the signal's name");
        SortedMap<Long, String> descriptions = s.valueDescriptions();
        s.finish();
        if (message != null) {
            signal(s, message, signalName).valueDescriptions = descriptions;
        }
    }

    private void readValueType(Statement s) {
        MessageDraft message = message(s);
        String signalName = s.word("the signal's name");
        s.punctuation(":");
        long type = s.unsignedInteger("the value type (0 integer, 1 float, 2 double)");
        s.finish();
        if (message == null) {
            return;
        }
        SignalDraft signal = signal(s, message, signalName);
        if (type > 2) {
            throw s.error("signal " + signalName + ": value type " + type + ", expected 0 (integer), 1 (float) or 2"
                    + " (double)");
        }
        signal.valueType = DbcSignal.ValueType.values()[(int) type];
        int bits = type == 1 ? 32 : 64;
        if (type != 0 && signal.bitLength != bits) {
            throw s.error("signal " + signalName + " is " + signal.bitLength + " bits long, a "
                    + signal.valueType.name().toLowerCase() + " needs " + bits);
        }
    }

    private void readMultiplexerValues(Statement s) {
        MessageDraft message = message(s);
        String signalName = s.word("the signal's name");
        String multiplexer = s.word("the multiplexer's name");
        List<Long> ranges = new ArrayList<>();
        do {
            if (!ranges.isEmpty()) {
                s.punctuation(",");
            }
            String range = s.word("a range of multiplexer values, e.g. 1-3");
            int dash = range.indexOf('-', 1);
            try {
                long lo = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
                long hi = Long.parseLong(dash < 0 ? range : range.substring(dash + 1));
                if (lo > hi) {
                    throw new NumberFormatException();
                }
                ranges.add(lo);
                ranges.add(hi);
            } catch (NumberFormatException e) {
                throw s.error("'" + range + "', expected a range of multiplexer values such as 1-3");
            }
        } while (!s.peekIs(";"));
        s.finish();
        if (message != null) {
            SignalDraft signal = signal(s, message, signalName);
            signal(s, message, multiplexer);
            signal.selectedBy = multiplexer;
            signal.selectingRanges = ranges.stream().mapToLong(Long::longValue).toArray();
            signal.selectingLine = s.keyword.line();
        }
    }

    /** The message whose id is next, or null for Vector's pseudo message. */
    private MessageDraft message(Statement s) {
        long fileId = s.unsignedInteger("a message id");
        MessageDraft message = messages.get(fileId);
        if (message == null && !pseudoMessages.contains(fileId)) {
            throw s.error("no message has id " + fileId + ": expected the id of a BO_ in this file");
        }
        return message;
    }

    private SignalDraft signal(Statement s, MessageDraft message, String name) {
        SignalDraft signal = message.signals.get(name);
        if (signal == null) {
            throw s.error("message " + message.name + " has no signal " + name);
        }
        return signal;
    }

    private DbcDatabase build() {
        List<DbcMessage> built = new ArrayList<>();
        for (MessageDraft draft : messages.values()) {
            Map<String, DbcSignal> signals = new LinkedHashMap<>();
            for (SignalDraft signal : draft.signals.values()) {
                build(draft, signal, signals, new HashSet<>());
            }
            Map<String, String> attributes = resolve(draft.attributes, "BO_");
            try {
                built.add(new DbcMessage(draft.id, draft.extended, draft.name, draft.length, draft.transmitter,
                        draft.signals.keySet().stream().map(signals::get).toList(), cycleTimeMs(draft),
                        draft.comment, attributes));
            } catch (IllegalArgumentException e) {
                throw new DbcException(source, draft.line, e.getMessage());
            }
        }
        return new DbcDatabase(source, nodes, built, nodeComments, valueTables, networkComment,
                resolve(networkAttributes, ""));
    }

    /** Builds {@code draft} after the multiplexer it depends on, refusing a multiplexer that selects itself. */
    private DbcSignal build(MessageDraft message, SignalDraft draft, Map<String, DbcSignal> built,
            Set<String> underway) {
        DbcSignal done = built.get(draft.name);
        if (done != null) {
            return done;
        }
        if (!underway.add(draft.name)) {
            throw new DbcException(source, draft.line, "signal " + draft.name + " is its own multiplexer, through "
                    + underway);
        }
        SignalDraft multiplexer = null;
        long[] ranges = new long[0];
        if (draft.selectedBy != null) {
            multiplexer = message.signals.get(draft.selectedBy);
            ranges = draft.selectingRanges;
            if (!multiplexer.multiplexer) {
                throw new DbcException(source, draft.selectingLine, "signal " + draft.name + " is selected by "
                        + multiplexer.name + ", which is not a multiplexer (M or mNM)");
            }
        } else if (draft.selectingValue != null) {
            List<SignalDraft> candidates = message.signals.values().stream()
                    .filter(c -> c.multiplexer && c.selectingValue == null).toList();
            if (candidates.size() != 1) {
                throw new DbcException(source, draft.line, "signal " + draft.name + " is multiplexed (m"
                        + draft.selectingValue + ") but message " + message.name + " has "
                        + (candidates.isEmpty() ? "no multiplexer (M)" : candidates.size()
                        + " multiplexers and no SG_MUL_VAL_ says which one selects it"));
            }
            multiplexer = candidates.get(0);
            ranges = new long[] {draft.selectingValue, draft.selectingValue};
        }
        DbcSignal selectedBy = multiplexer == null ? null : build(message, multiplexer, built, underway);
        DbcSignal signal;
        try {
            signal = draft.build(selectedBy, ranges, resolve(draft.attributes, "SG_"));
        } catch (IllegalArgumentException e) {
            throw new DbcException(source, draft.line, e.getMessage());
        }
        built.put(draft.name, signal);
        return signal;
    }

    private int cycleTimeMs(MessageDraft message) {
        Assigned assigned = message.attributes.get(CYCLE_TIME);
        AttributeDefinition definition = definitions.get(CYCLE_TIME);
        if (assigned == null && definition != null) {
            assigned = definition.defaultValue;
        }
        if (assigned == null) {
            return 0;
        }
        try {
            double ms = Double.parseDouble(assigned.value.text());
            if (ms >= 0 && ms <= Integer.MAX_VALUE) {
                return (int) Math.round(ms);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new DbcException(source, assigned.line, "message " + message.name + ": " + CYCLE_TIME + " "
                + assigned.value.shown() + ", expected a number of milliseconds");
    }

    /** The attributes as written, then the defaults of the ones defined for this kind of object; enums by name. */
    private Map<String, String> resolve(Map<String, Assigned> assigned, String objectType) {
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, AttributeDefinition> entry : definitions.entrySet()) {
            AttributeDefinition definition = entry.getValue();
            if (definition.objectType.equals(objectType) && definition.defaultValue != null) {
                values.put(entry.getKey(), text(entry.getKey(), definition.defaultValue));
            }
        }
        for (Map.Entry<String, Assigned> entry : assigned.entrySet()) {
            values.put(entry.getKey(), text(entry.getKey(), entry.getValue()));
        }
        return values;
    }

    private String text(String name, Assigned assigned) {
        AttributeDefinition definition = definitions.get(name);
        if (definition == null || definition.enumValues.isEmpty() || assigned.value.kind() == Kind.STRING) {
            return assigned.value.text();
        }
        try {
            return definition.enumValues.get(Integer.parseInt(assigned.value.text()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new DbcException(source, assigned.line, "attribute " + name + ": " + assigned.value.shown()
                    + ", expected an index 0-" + (definition.enumValues.size() - 1) + " into "
                    + definition.enumValues);
        }
    }

    /** One statement's tokens after its keyword, read in order; every mistake is reported at its line. */
    private final class Statement {
        final Token keyword;
        final List<Token> tokens;
        int at;

        Statement(Token keyword, List<Token> tokens) {
            this.keyword = keyword;
            this.tokens = tokens;
        }

        DbcException error(String problem) {
            int line = at < tokens.size() ? tokens.get(at).line()
                    : tokens.isEmpty() ? keyword.line() : tokens.get(tokens.size() - 1).line();
            return new DbcException(source, line, keyword.text() + ": " + problem);
        }

        boolean atEnd() {
            return at >= tokens.size();
        }

        boolean peekIs(String text) {
            return !atEnd() && tokens.get(at).is(text);
        }

        Token peek(String expected) {
            if (atEnd()) {
                throw error("expected " + expected + ", found the end of the statement");
            }
            return tokens.get(at);
        }

        private Token next(String expected, Kind kind) {
            Token token = peek(expected);
            if (token.kind() != kind) {
                throw error("expected " + expected + ", found " + token.shown());
            }
            at++;
            return token;
        }

        String word(String expected) {
            return next(expected, Kind.WORD).text();
        }

        String string(String expected) {
            return next(expected, Kind.STRING).text();
        }

        void punctuation(String expected) {
            Token token = peek("'" + expected + "'");
            if (!token.is(expected)) {
                throw error("expected '" + expected + "', found " + token.shown());
            }
            at++;
        }

        /** An attribute's value: a string or a number. */
        Token value() {
            Token token = peek("the attribute's value");
            if (token.kind() == Kind.PUNCTUATION) {
                throw error("expected the attribute's value, found " + token.shown());
            }
            at++;
            return token;
        }

        double number(String expected) {
            String word = word(expected);
            try {
                return Double.parseDouble(word);
            } catch (NumberFormatException e) {
                at--;
                throw error("expected " + expected + " (a number), found '" + word + "'");
            }
        }

        /** A whole number of at most 18 digits (a 64-bit long holds every one). */
        long unsignedInteger(String expected) {
            String word = word(expected);
            if (!word.matches("\\d{1,18}")) {
                at--;
                throw error("expected " + expected + " (a whole number), found '" + word + "'");
            }
            return Long.parseLong(word);
        }

        /** A whole number up to {@code max}: a bit position, a length. */
        int smallInteger(String expected, int max) {
            long value = unsignedInteger(expected);
            if (value > max) {
                at--;
                throw error("expected " + expected + " (0-" + max + "), found " + value);
            }
            return (int) value;
        }

        /** Pairs of a raw value and its name, up to the statement's ';'. */
        SortedMap<Long, String> valueDescriptions() {
            SortedMap<Long, String> descriptions = new TreeMap<>();
            while (!peekIs(";")) {
                String word = word("a raw value or ';'");
                long value;
                try {
                    value = word.startsWith("-") ? Long.parseLong(word) : Long.parseUnsignedLong(word);
                } catch (NumberFormatException e) {
                    at--;
                    throw error("expected a raw value (a whole number) or ';', found '" + word + "'");
                }
                descriptions.put(value, string("the name of value " + word));
            }
            return descriptions;
        }

        /** Refuses a token that is on a later line than the keyword: the line it is on does not start right. */
        void onTheKeywordsLine(String expected) {
            Token token = peek(expected);
            if (token.line() != keyword.line()) {
                throw error(EXPECTED_KEYWORD + token.shown());
            }
        }

        /** The statement is complete: anything after it is a line that does not start with a keyword. */
        void endOfLine() {
            if (!atEnd()) {
                onTheKeywordsLine("the end of the line");
                throw error("expected the end of the line, found " + tokens.get(at).shown());
            }
        }

        /** The statement's closing ';', and nothing after it. */
        void finish() {
            punctuation(";");
            if (!atEnd()) {
                throw error(EXPECTED_KEYWORD + tokens.get(at).shown());
            }
        }

        /** A statement that is not read: only nothing may follow its ';' on a later line. */
        void skip() {
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).is(";") && i + 1 < tokens.size()
                        && tokens.get(i + 1).line() != tokens.get(i).line()) {
                    at = i + 1;
                    throw error(EXPECTED_KEYWORD + tokens.get(at).shown());
                }
            }
            at = tokens.size();
        }
    }

    private static final class MessageDraft {
        final int id;
        final boolean extended;
        final String name;
        final int length;
        final String transmitter;
        final int line;
        final Map<String, SignalDraft> signals = new LinkedHashMap<>();
        final Map<String, Assigned> attributes = new HashMap<>();
        String comment = "";

        MessageDraft(int id, boolean extended, String name, int length, String transmitter, int line) {
            this.id = id;
            this.extended = extended;
            this.name = name;
            this.length = length;
            this.transmitter = transmitter;
            this.line = line;
        }
    }

    private static final class SignalDraft {
        final String name;
        final int line;
        int startBit;
        int bitLength;
        DbcSignal.ByteOrder byteOrder;
        boolean signed;
        DbcSignal.ValueType valueType = DbcSignal.ValueType.INTEGER;
        double factor;
        double offset;
        double minimum;
        double maximum;
        String unit;
        final List<String> receivers = new ArrayList<>();
        boolean multiplexer;
        Long selectingValue;
        String selectedBy;
        long[] selectingRanges;
        int selectingLine;
        SortedMap<Long, String> valueDescriptions = new TreeMap<>();
        String comment = "";
        final Map<String, Assigned> attributes = new HashMap<>();

        SignalDraft(String name, int line) {
            this.name = name;
            this.line = line;
        }

        DbcSignal build(DbcSignal multiplexedBy, long[] ranges, Map<String, String> resolvedAttributes) {
            return new DbcSignal(name, startBit, bitLength, byteOrder, signed, valueType, factor, offset, minimum,
                    maximum, unit, receivers, multiplexer, multiplexedBy, ranges, valueDescriptions, comment,
                    resolvedAttributes);
        }
    }

    private static final class AttributeDefinition {
        final String objectType;
        final List<String> enumValues;
        Assigned defaultValue;

        AttributeDefinition(String objectType, List<String> enumValues) {
            this.objectType = objectType;
            this.enumValues = enumValues;
        }
    }

    private record Assigned(Token value, int line) {
    }
}
