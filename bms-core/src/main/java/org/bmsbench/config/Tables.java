package org.bmsbench.config;

import org.bmsbench.model.Table2D;
import org.bmsbench.model.TableException;

/** Reads (soc, temperature) tables from configuration files, pointing at the exact entry that breaks a rule. */
public final class Tables {
    /** What a table's values must satisfy. */
    public enum Constraint { POSITIVE, NON_NEGATIVE, RISING_WITH_SOC }

    private Tables() {
    }

    /**
     * Reads a table with keys {@code soc}, {@code temperature_c} and {@code valuesKey} (a row per temperature, a
     * column per soc point) from {@code node}; {@code quantity} names it in messages.
     */
    public static Table2D read(ConfigNode node, String valuesKey, String quantity, Constraint constraint) {
        ConfigNode socAxis = node.get("soc");
        ConfigNode tempAxis = node.get("temperature_c");
        ConfigNode values = node.get(valuesKey);
        try {
            Table2D table = new Table2D(socAxis.numbers(), tempAxis.numbers(), values.matrix());
            switch (constraint) {
                case POSITIVE:
                    return table.requirePositive(quantity);
                case NON_NEGATIVE:
                    return table.requireNonNegative(quantity);
                default:
                    return table.requireRisingWithSoc(quantity).requirePositive(quantity);
            }
        } catch (TableException e) {
            switch (e.part()) {
                case SOC_AXIS:
                    throw element(socAxis, e.row()).error(e.getMessage());
                case TEMPERATURE_AXIS:
                    throw element(tempAxis, e.row()).error(e.getMessage());
                default:
                    throw element(element(values, e.row()), e.column()).error(e.getMessage());
            }
        }
    }

    /** The list element at {@code index}, or the list itself when the index is -1 or out of range. */
    static ConfigNode element(ConfigNode list, int index) {
        if (index < 0 || !list.isList() || index >= list.elements().size()) {
            return list;
        }
        return list.elements().get(index);
    }
}
