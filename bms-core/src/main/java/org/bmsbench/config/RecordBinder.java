package org.bmsbench.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsbench.firmware.Key;

/**
 * Reads a YAML map into a record, so that a setting is declared once: as a record component. The component
 * names the key, its type says how the value is read, and the record's canonical constructor validates.
 *
 * <p>The naming rule: a component's key is its name in {@code snake_case}, the unit suffix kept
 * ({@code restCurrentA} is {@code rest_current_a}, {@code bleedResistanceOhm} is {@code bleed_resistance_ohm}). A
 * {@code long} component ending in {@code Ns} is a duration the file gives in milliseconds:
 * {@code staleAfterNs} is {@code stale_after_ms}. Where a key cannot follow the rule, the component says it with
 * {@link Key} ({@code @Key("fast_ms") long fastPeriodNs}, {@code @Key("reclose_lockout_s") long
 * recloseLockoutNs}, {@code @Key("pack.parallel") int parallel} for a key in a nested map); a duration's key ends
 * in {@code _ms} or {@code _s}, its unit.
 *
 * <p>How a value is read, by the component's type: {@code double} a finite number; {@code long} duration a finite
 * number of the key's unit, rounded to whole nanoseconds; {@code int} or other {@code long} a whole number;
 * {@code boolean} {@code true} or {@code false}; {@code String} text; an enum one of its constants in lower case;
 * a record a map bound the same way; any other type by the {@link Reader} given for it with
 * {@link #with(Class, Reader)}.
 *
 * <p>Every key must be given (defaults are laid under the file beforehand: {@code default.yaml} is the one place
 * they live); a key the record does not have is an error naming the ones it has. Every problem is collected,
 * across keys and nested records, and thrown as one {@link ConfigException} listing each with its file, line and
 * key, in file order; a single problem reads as it always has. A constructor's
 * {@link IllegalArgumentException} becomes a problem at the record's block.
 */
public final class RecordBinder {
    private static final double NS_PER_MS = 1e6;
    private static final double NS_PER_S = 1e9;

    /** Reads a value of a type the binder does not know (a cell file reference, a table...). */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param node the value under the component's key; its {@link ConfigNode#path()} names the key
         * @throws ConfigException naming every problem found
         */
        T read(ConfigNode node);
    }

    private final Map<Class<?>, Reader<?>> readers;

    public RecordBinder() {
        this(Map.of());
    }

    private RecordBinder(Map<Class<?>, Reader<?>> readers) {
        this.readers = Map.copyOf(readers);
    }

    /** This binder, reading components of {@code type} with {@code reader}. */
    public <T> RecordBinder with(Class<T> type, Reader<? extends T> reader) {
        Map<Class<?>, Reader<?>> more = new HashMap<>(readers);
        more.put(type, reader);
        return new RecordBinder(more);
    }

    /**
     * The record {@code node} describes.
     *
     * @throws ConfigException listing every problem found in {@code node}
     */
    public <R extends Record> R bind(Class<R> type, ConfigNode node) {
        List<ConfigException> problems = new ArrayList<>();
        R value = bind(type, node, problems);
        if (problems.size() == 1) {
            throw problems.get(0); // as it reads alone, even one that lists several ("in the diagnosis table")
        }
        if (!problems.isEmpty()) {
            throw ConfigException.of(node.source(), "", inFileOrder(problems));
        }
        return value;
    }

    /** Each single problem, file by file (in the order first met) and line by line. */
    private static List<ConfigException> inFileOrder(List<ConfigException> problems) {
        List<String> sources = new ArrayList<>();
        List<ConfigException> flat = new ArrayList<>();
        for (ConfigException problem : problems) {
            for (ConfigException part : problem.problems()) {
                if (!sources.contains(part.source())) {
                    sources.add(part.source());
                }
                flat.add(part);
            }
        }
        flat.sort(Comparator.comparingInt((ConfigException p) -> sources.indexOf(p.source()))
                .thenComparingInt(ConfigException::line));
        return flat;
    }

    /**
     * The keys of {@code type}'s block, in component order, as dotted paths: a nested record's keys follow its
     * own ({@code tasks.fast_ms}); a value read by a {@link Reader} is one key however it is laid out.
     */
    public List<String> keys(Class<? extends Record> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String key = keyOf(component);
            Class<?> valueType = component.getType();
            if (valueType.isRecord() && !readers.containsKey(valueType)) {
                for (String inner : keys(valueType.asSubclass(Record.class))) {
                    keys.add(key + "." + inner);
                }
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    /** A component's key: {@link Key}'s, or its name by the naming rule. */
    public static String keyOf(RecordComponent component) {
        Key key = component.getAnnotation(Key.class);
        return key != null ? key.value() : ruleKey(component);
    }

    /** A component's key by the naming rule alone. */
    static String ruleKey(RecordComponent component) {
        String name = component.getName();
        if (isDuration(component)) {
            name = name.substring(0, name.length() - 2) + "Ms";
        }
        StringBuilder snake = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    private static boolean isDuration(RecordComponent component) {
        return component.getType() == long.class && component.getName().endsWith("Ns");
    }

    /** Nanoseconds per unit of a duration's key ({@code _ms} or {@code _s}). */
    private static double nsPerUnit(RecordComponent component, String key) {
        if (key.endsWith("_ms")) {
            return NS_PER_MS;
        }
        if (key.endsWith("_s")) {
            return NS_PER_S;
        }
        throw new IllegalStateException(component + " is a duration in ns; its key '" + key
                + "' must end in _ms or _s");
    }

    /** The record, or null when a problem (added to {@code problems}) keeps it from being made. */
    private <R extends Record> R bind(Class<R> type, ConfigNode node, List<ConfigException> problems) {
        RecordComponent[] components = type.getRecordComponents();
        String[] keys = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            keys[i] = keyOf(components[i]);
        }
        try {
            checkKeys(node, List.of(keys), problems);
        } catch (ConfigException e) {
            add(problems, e); // not a map: nothing in it can be read
            return null;
        }
        Object[] values = new Object[components.length];
        boolean complete = true;
        for (int i = 0; i < components.length; i++) {
            try {
                values[i] = read(components[i], keys[i], at(node, keys[i]), problems);
            } catch (ConfigException e) {
                add(problems, e);
            }
            complete &= values[i] != null;
        }
        if (!complete) {
            return null;
        }
        try {
            return node.build(() -> construct(type, components, values));
        } catch (ConfigException e) {
            add(problems, e);
            return null;
        }
    }

    /** Unknown keys in {@code node} and in the nested maps dotted keys reach into. */
    private static void checkKeys(ConfigNode node, List<String> keys, List<ConfigException> problems) {
        Map<String, List<String>> byFirst = new LinkedHashMap<>();
        for (String key : keys) {
            int dot = key.indexOf('.');
            List<String> inner = byFirst.computeIfAbsent(dot < 0 ? key : key.substring(0, dot),
                    k -> new ArrayList<>());
            if (dot >= 0) {
                inner.add(key.substring(dot + 1));
            }
        }
        for (ConfigException unknown : node.unknownKeys(byFirst.keySet())) {
            add(problems, unknown);
        }
        for (Map.Entry<String, List<String>> group : byFirst.entrySet()) {
            if (!group.getValue().isEmpty() && node.has(group.getKey())) {
                try {
                    checkKeys(node.get(group.getKey()), group.getValue(), problems);
                } catch (ConfigException e) {
                    add(problems, e);
                }
            }
        }
    }

    /** The value under a (dotted) key. */
    private static ConfigNode at(ConfigNode node, String key) {
        ConfigNode at = node;
        for (String part : key.split("\\.")) {
            at = at.get(part);
        }
        return at;
    }

    private Object read(RecordComponent component, String key, ConfigNode node, List<ConfigException> problems) {
        Class<?> type = component.getType();
        Reader<?> reader = readers.get(type);
        if (reader != null) {
            return reader.read(node);
        }
        if (type == double.class) {
            return node.number();
        }
        if (type == long.class) {
            return isDuration(component) ? Math.round(node.number() * nsPerUnit(component, key)) : node.integer();
        }
        if (type == int.class) {
            long value = node.integer();
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw node.error("expected a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                        + ", got " + value);
            }
            return (int) value;
        }
        if (type == boolean.class) {
            return node.bool();
        }
        if (type == String.class) {
            return node.text();
        }
        if (type.isEnum()) {
            return enumChoice(node, type);
        }
        if (type.isRecord()) {
            return bind(type.asSubclass(Record.class), node, problems);
        }
        throw new IllegalStateException("no reader for " + component + " (" + type.getName() + ")");
    }

    private static <R> R construct(Class<R> type, RecordComponent[] components, Object[] values) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause; // an IllegalArgumentException becomes a problem at the block
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call the canonical constructor of " + type.getName(), e);
        }
    }

    /**
     * A problem, once (two keys in one missing map report it once). One that lists several stays whole: alone,
     * it is thrown as it is ("N problems in the diagnosis table"); with others, {@link ConfigException#of}
     * lists its parts.
     */
    private static void add(List<ConfigException> problems, ConfigException problem) {
        for (ConfigException seen : problems) {
            if (seen.getMessage().equals(problem.getMessage())) {
                return;
            }
        }
        problems.add(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumChoice(ConfigNode node, Class<?> type) {
        return choice(node, (Class) type);
    }

    /** One of an enum's values, by its lower-case name. */
    static <E extends Enum<E>> E choice(ConfigNode node, Class<E> type) {
        String text = node.text();
        for (E value : type.getEnumConstants()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            allowed.add(value.name().toLowerCase(Locale.ROOT));
        }
        throw node.error("expected one of " + String.join(", ", allowed) + ", got '" + text + "'");
    }
}
