package org.bmsbench.can.dbc;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What a DBC file describes: its nodes ({@code BU_}), messages ({@code BO_}) with their signals, named value
 * tables ({@code VAL_TABLE_}), comments and attributes. A received frame finds its message by id without
 * allocating ({@link #message(int, boolean)}).
 */
public final class DbcDatabase {
    private final String source;
    private final List<String> nodes;
    private final List<DbcMessage> messages;
    private final Map<String, String> nodeComments;
    private final Map<String, SortedMap<Long, String>> valueTables;
    private final String comment;
    private final Map<String, String> attributes;
    // the messages sorted by id (extended ones after the standard ones), for a binary search
    private final long[] keys;
    private final DbcMessage[] byKey;

    /**
     * @param source       the file it was read from, for messages about it
     * @param nodeComments each node's {@code CM_ BU_}, for the nodes that have one
     * @param valueTables  the named value tables: raw value to its name
     * @param comment      the file's own {@code CM_}, empty when it has none
     * @param attributes   the network's attributes ({@code BA_ "name" value;}) with their defaults
     */
    public DbcDatabase(String source, List<String> nodes, List<DbcMessage> messages,
            Map<String, String> nodeComments, Map<String, SortedMap<Long, String>> valueTables, String comment,
            Map<String, String> attributes) {
        this.source = source;
        this.nodes = List.copyOf(nodes);
        this.messages = List.copyOf(messages);
        this.nodeComments = Map.copyOf(nodeComments);
        this.valueTables = Map.copyOf(valueTables);
        this.comment = comment;
        this.attributes = Map.copyOf(attributes);
        byKey = messages.toArray(new DbcMessage[0]);
        Arrays.sort(byKey, Comparator.comparingLong(m -> key(m.id(), m.extended())));
        keys = new long[byKey.length];
        for (int i = 0; i < byKey.length; i++) {
            keys[i] = key(byKey[i].id(), byKey[i].extended());
            if (i > 0 && keys[i] == keys[i - 1]) {
                throw new IllegalArgumentException("messages " + byKey[i - 1].name() + " and " + byKey[i].name()
                        + " have the same id " + byKey[i].fileId());
            }
        }
    }

    private static long key(int id, boolean extended) {
        return extended ? id | 0x1_0000_0000L : id;
    }

    /** The message with this id, or null. */
    public DbcMessage message(int id, boolean extended) {
        int at = Arrays.binarySearch(keys, key(id, extended));
        return at < 0 ? null : byKey[at];
    }

    /** The message called {@code name}. */
    public Optional<DbcMessage> message(String name) {
        for (DbcMessage message : messages) {
            if (message.name().equals(name)) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    public String source() {
        return source;
    }

    public List<String> nodes() {
        return nodes;
    }

    public List<DbcMessage> messages() {
        return messages;
    }

    public Map<String, String> nodeComments() {
        return nodeComments;
    }

    public Map<String, SortedMap<Long, String>> valueTables() {
        return valueTables;
    }

    public String comment() {
        return comment;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return source + " (" + messages.size() + " messages)";
    }
}
