package org.bmsbench.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One value of a YAML configuration or data file, with the file, line, column and key path it came
 * from, so that every problem found while reading or validating it can say exactly where it is.
 *
 * <p>Typed accessors ({@link #number()}, {@link #numbers()}, {@link #get(String)}...) throw a
 * {@link ConfigException} that names the value and what was expected. Readers list the keys a map may
 * hold with {@link #allowOnly(String...)}: unknown keys are errors, never silently ignored.
 */
public final class ConfigNode {
    private static final YAMLFactory YAML = new YAMLFactory();
    /** A YAML file beyond this is not one a person wrote: the largest cell file is tens of kB. */
    static final long MAX_FILE_BYTES = 10_000_000L;

    private enum Kind { MAP, LIST, NUMBER, TEXT, BOOLEAN, NULL }

    /** Where a map's key is written (a block value starts on the line after its key). */
    private record KeyAt(String source, int line, int column) {
    }

    private final String source;
    private final String path;
    private final int line;
    private final int column;
    private final Kind kind;
    private final String text;
    private final Map<String, ConfigNode> entries;
    private final Map<String, KeyAt> keys;
    private final List<ConfigNode> elements;

    private ConfigNode(String source, String path, JsonLocation where, Kind kind, String text,
                       Map<String, ConfigNode> entries, Map<String, KeyAt> keys, List<ConfigNode> elements) {
        this(source, path, where.getLineNr(), where.getColumnNr(), kind, text, entries, keys, elements);
    }

    private ConfigNode(String source, String path, int line, int column, Kind kind, String text,
                       Map<String, ConfigNode> entries, Map<String, KeyAt> keys, List<ConfigNode> elements) {
        this.source = source;
        this.path = path;
        this.line = line;
        this.column = column;
        this.kind = kind;
        this.text = text;
        this.entries = entries;
        this.keys = keys;
        this.elements = elements;
    }

    /** Reads a YAML file. A missing or unreadable file is a {@link ConfigException} too. */
    public static ConfigNode read(Path file) {
        String source = file.toString();
        if (Files.exists(file) && !Files.isRegularFile(file)) { // a FIFO or a device would block, or never end
            throw new ConfigException(source, Files.isDirectory(file) ? "a folder, not a file" : "not a regular file",
                    null);
        }
        if (Files.isRegularFile(file) && sizeOf(file) > MAX_FILE_BYTES) {
            throw new ConfigException(source, "larger than " + MAX_FILE_BYTES / 1_000_000 + " MB: not a"
                    + " configuration, scenario or cell file", null);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(source, reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "no such file", e);
        } catch (IOException e) {
            throw new ConfigException(source, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // reading it says what is wrong
        }
    }

    /** Reads a YAML resource from the class path, e.g. a bundled preset. */
    public static ConfigNode readResource(String resourceName) {
        InputStream in = ConfigNode.class.getResourceAsStream(resourceName);
        if (in == null) {
            throw new ConfigException(resourceName, "no such bundled resource", null);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(resourceName, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses YAML text; {@code source} names it in error messages. */
    public static ConfigNode parse(String source, String yaml) {
        try {
            return parse(source, new StringReader(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigNode parse(String source, Reader reader) throws IOException {
        try (JsonParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(source, "the file is empty", null);
            }
            ConfigNode root = readValue(source, "", parser);
            if (parser.nextToken() != null) { // Jackson reads a stream of documents; a file is one
                JsonLocation at = parser.currentTokenLocation();
                throw new ConfigException(source, at.getLineNr(), at.getColumnNr(), "",
                        "a second YAML document: a file holds one (remove the '---' and what follows, or merge them)");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(source, e);
        }
    }

    private static ConfigException syntaxError(String source, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException) {
            MarkedYAMLException yaml = (MarkedYAMLException) e.getCause();
            Mark at = yaml.getProblemMark();
            String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                    : " (" + yaml.getContext() + " that starts at line " + (yaml.getContextMark().getLine() + 1) + ")";
            return new ConfigException(source, at.getLine() + 1, at.getColumn() + 1, "",
                    "not valid YAML: " + yaml.getProblem() + context);
        }
        JsonLocation where = e.getLocation();
        return new ConfigException(source, where == null ? 0 : where.getLineNr(),
                where == null ? 0 : where.getColumnNr(), "", "not valid YAML: " + e.getOriginalMessage());
    }

    private static ConfigNode readValue(String source, String path, JsonParser parser) throws IOException {
        JsonLocation where = parser.currentTokenLocation();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, ConfigNode> entries = new LinkedHashMap<>();
                Map<String, KeyAt> keys = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyWhere = parser.currentTokenLocation();
                    keys.putIfAbsent(key, new KeyAt(source, keyWhere.getLineNr(), keyWhere.getColumnNr()));
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    parser.nextToken();
                    ConfigNode child = readValue(source, childPath, parser);
                    if (entries.putIfAbsent(key, child) != null) {
                        throw new ConfigException(source, keyWhere.getLineNr(), keyWhere.getColumnNr(), childPath,
                                "duplicate key '" + key + "'");
                    }
                }
                return new ConfigNode(source, path, where, Kind.MAP, null,
                        Collections.unmodifiableMap(entries), keys, null);
            }
            case START_ARRAY: {
                List<ConfigNode> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(readValue(source, path + "[" + elements.size() + "]", parser));
                }
                return new ConfigNode(source, path, where, Kind.LIST, null, null, null,
                        Collections.unmodifiableList(elements));
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new ConfigNode(source, path, where, Kind.NUMBER, parser.getText(), null, null, null);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ConfigNode(source, path, where, Kind.BOOLEAN, parser.getText(), null, null, null);
            case VALUE_NULL:
                return new ConfigNode(source, path, where, Kind.NULL, null, null, null, null);
            default:
                return new ConfigNode(source, path, where, Kind.TEXT, parser.getText(), null, null, null);
        }
    }

    /**
     * A map made in code from values another value of a file gave (a scenario's pack gives its BMS the cell and
     * the cells in parallel): its keys and values are located where {@code at} is, so a problem with one points
     * there. Values are text, numbers, booleans or maps of them.
     */
    public static ConfigNode derived(ConfigNode at, Map<String, ?> values) {
        return derived(at, "", values);
    }

    private static ConfigNode derived(ConfigNode at, String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, ConfigNode> entries = new LinkedHashMap<>();
            Map<String, KeyAt> keys = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = e.getKey().toString();
                entries.put(key, derived(at, path.isEmpty() ? key : path + "." + key, e.getValue()));
                keys.put(key, new KeyAt(at.source, at.line, at.column));
            }
            return new ConfigNode(at.source, path, at.line, at.column, Kind.MAP, null,
                    Collections.unmodifiableMap(entries), keys, null);
        }
        Kind kind = value instanceof Number ? Kind.NUMBER : value instanceof Boolean ? Kind.BOOLEAN : Kind.TEXT;
        return new ConfigNode(at.source, path, at.line, at.column, kind, value.toString(), null, null, null);
    }

    /**
     * {@code overrides} laid over {@code base}: maps merge key by key (recursively), anything else in
     * {@code overrides} replaces what {@code base} has. Every value keeps the file and line it came from, so
     * an error in an override points at the override and an error in a default at the default.
     */
    public static ConfigNode overlay(ConfigNode base, ConfigNode overrides) {
        if (base.kind != Kind.MAP || overrides.kind != Kind.MAP) {
            return overrides;
        }
        Map<String, ConfigNode> merged = new LinkedHashMap<>(base.entries);
        Map<String, KeyAt> keys = new LinkedHashMap<>(base.keys);
        for (Map.Entry<String, ConfigNode> entry : overrides.entries.entrySet()) {
            ConfigNode under = merged.get(entry.getKey());
            merged.put(entry.getKey(), under == null ? entry.getValue() : overlay(under, entry.getValue()));
            keys.put(entry.getKey(), overrides.keys.get(entry.getKey()));
        }
        return new ConfigNode(overrides.source, overrides.path, overrides.line, overrides.column, Kind.MAP, null,
                Collections.unmodifiableMap(merged), keys, null);
    }

    /** The file or resource this value came from. */
    public String source() {
        return source;
    }

    /** The key path of this value, e.g. {@code rc_pairs[1].tau_s}; empty for the document itself. */
    public String path() {
        return path;
    }

    /** The 1-based line this value starts on. */
    public int line() {
        return line;
    }

    /** A {@link ConfigException} located at this value. */
    public ConfigException error(String problem) {
        return new ConfigException(source, line, column, path, problem);
    }

    /**
     * Runs a constructor or check and re-throws its {@link IllegalArgumentException} located at this
     * value, so validation stays in one place (the record's constructor) and errors still name the line.
     */
    public <T> T build(Supplier<T> construction) {
        try {
            return construction.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    // ---- maps ---------------------------------------------------------------------------------------

    /** The keys of this map, in file order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(requireMap().keySet());
    }

    public boolean has(String key) {
        return requireMap().containsKey(key);
    }

    /** The value of a required key. */
    public ConfigNode get(String key) {
        ConfigNode child = requireMap().get(key);
        if (child == null) {
            throw error("missing required key '" + key + "'");
        }
        return child;
    }

    /** The value of an optional key; an explicit {@code null} counts as absent. */
    public Optional<ConfigNode> find(String key) {
        ConfigNode child = requireMap().get(key);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(child);
    }

    /** Rejects any key not in {@code allowed}, naming the allowed ones. */
    public ConfigNode allowOnly(String... allowed) {
        List<ConfigException> unknown = unknownKeys(Set.of(allowed));
        if (!unknown.isEmpty()) {
            throw unknown.get(0);
        }
        return this;
    }

    /** Every key of this map not in {@code allowed}, each as a problem at its key naming the allowed ones. */
    public List<ConfigException> unknownKeys(Collection<String> allowed) {
        List<ConfigException> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> entry : requireMap().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                KeyAt at = keys.get(entry.getKey());
                unknown.add(new ConfigException(at.source(), at.line(), at.column(), entry.getValue().path(),
                        "unknown key '" + entry.getKey() + "'; expected one of: "
                                + String.join(", ", new TreeSet<>(allowed))));
            }
        }
        return unknown;
    }

    /** A required number under {@code key}. */
    public double number(String key) {
        return get(key).number();
    }

    /** An optional number under {@code key}, or {@code fallback} when the key is absent. */
    public double number(String key, double fallback) {
        return find(key).map(ConfigNode::number).orElse(fallback);
    }

    /** Required text under {@code key}. */
    public String text(String key) {
        return get(key).text();
    }

    private Map<String, ConfigNode> requireMap() {
        if (kind != Kind.MAP) {
            throw error("expected a map of keys to values, got " + describe());
        }
        return entries;
    }

    // ---- lists --------------------------------------------------------------------------------------

    /** The elements of this list. */
    public List<ConfigNode> elements() {
        if (kind != Kind.LIST) {
            throw error("expected a list, got " + describe());
        }
        return elements;
    }

    /** A list of finite numbers, e.g. {@code [0.0, 0.5, 1.0]}. */
    public double[] numbers() {
        List<ConfigNode> list = elements();
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i).number();
        }
        return values;
    }

    /** A list of lists of finite numbers, one inner list per row. */
    public double[][] matrix() {
        List<ConfigNode> rows = elements();
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i).numbers();
        }
        return values;
    }

    // ---- scalars ------------------------------------------------------------------------------------

    /** This value as a finite number. */
    public double number() {
        if (kind != Kind.NUMBER) {
            throw error("expected a number, got " + describe());
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN; // YAML's .nan and .inf arrive as numbers Java does not parse
        }
        if (!Double.isFinite(value)) {
            throw error("expected a finite number, got " + text);
        }
        return value;
    }

    /** A required number under {@code key} that must pass {@code rule}, e.g. {@code Checks::positive}. */
    public double number(String key, NumberRule rule) {
        ConfigNode node = get(key);
        double value = node.number();
        return node.build(() -> rule.check(key, value));
    }

    /** A rule a number must pass; it names the value in its {@link IllegalArgumentException}. */
    @FunctionalInterface
    public interface NumberRule {
        double check(String name, double value);
    }

    /** This value as a whole number. */
    public long integer() {
        if (kind != Kind.NUMBER) {
            throw error("expected a whole number, got " + describe());
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("expected a whole number, got " + text);
        }
    }

    /** This value as text (a number or boolean is returned as written). */
    public String text() {
        if (kind == Kind.MAP || kind == Kind.LIST || kind == Kind.NULL) {
            throw error("expected text, got " + describe());
        }
        return text;
    }

    /** This value as {@code true} or {@code false}. */
    public boolean bool() {
        if (kind != Kind.BOOLEAN) {
            throw error("expected true or false, got " + describe());
        }
        return Boolean.parseBoolean(text);
    }

    private String describe() {
        switch (kind) {
            case MAP: return "a map";
            case LIST: return "a list";
            case NULL: return "nothing (null)";
            case TEXT: return "text '" + text + "'";
            default: return text;
        }
    }

    @Override
    public String toString() {
        return source + ":" + line + ": " + (path.isEmpty() ? "(document)" : path);
    }
}
