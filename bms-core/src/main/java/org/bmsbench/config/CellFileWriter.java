package org.bmsbench.config;

import java.util.List;
import java.util.Locale;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table1D;
import org.bmsbench.model.Table2D;

/**
 * Writes a cell file ({@code docs/cell-file.md}) that {@link CellFiles} reads back to the same parameters: fixed
 * decimals per quantity (0.01 mV for voltages, 1 uOhm for resistances, 1 ms for time constants), long rows wrapped
 * inside their brackets, an optional header comment and the fit record.
 */
public final class CellFileWriter {
    private static final int WIDTH = 110;

    private CellFileWriter() {
    }

    /** The file's text. {@code header} lines become comments at the top; {@code record} may be null. */
    public static String write(CellParameters cell, CellFitRecord record, List<String> header) {
        StringBuilder y = new StringBuilder();
        for (String line : header) {
            for (String part : wrap(line, WIDTH - 2)) {
                y.append("# ").append(part).append('\n');
            }
        }
        if (!header.isEmpty()) {
            y.append('\n');
        }
        y.append("format: ").append(CellFiles.FORMAT).append('\n');
        y.append("name: ").append(cell.name()).append('\n');
        if (!cell.description().isEmpty()) {
            folded(y, "description", cell.description());
        }
        folded(y, "source", cell.source());
        y.append("voltage_limits: {min_v: ").append(number(cell.minVoltageV(), 3)).append(", max_v: ")
                .append(number(cell.maxVoltageV(), 3)).append("}\n");
        y.append("capacity:\n");
        y.append("  temperature_c: ").append(flow(cell.capacityAh().temperatureC(), 1, "  temperature_c: "))
                .append('\n');
        y.append("  capacity_ah: ").append(flow(cell.capacityAh().values(), 4, "  capacity_ah: ")).append('\n');
        y.append("ocv:\n");
        table(y, "  ", cell.ocvV(), "voltage_v", 5);
        y.append("r0:\n");
        table(y, "  ", cell.r0Ohm(), "resistance_ohm", 6);
        y.append("rc_pairs:\n");
        for (RcPair pair : cell.rcPairs()) {
            y.append("  - soc: ").append(flow(pair.resistanceOhm().soc(), 4, "  - soc: ")).append('\n');
            y.append("    temperature_c: ").append(flow(pair.resistanceOhm().temperatureC(), 1, "    temperature_c: "))
                    .append('\n');
            rows(y, "    ", "resistance_ohm", pair.resistanceOhm().values(), 6);
            if (!sameAxes(pair.tauS(), pair.resistanceOhm())) {
                throw new IllegalArgumentException("an RC pair's resistance and time-constant tables need the same"
                        + " axes to be written together");
            }
            rows(y, "    ", "tau_s", pair.tauS().values(), 3);
            if (pair.hasChargeTransfer()) {
                if (!sameAxes(pair.exchangeCurrentA(), pair.resistanceOhm())) {
                    throw new IllegalArgumentException("the exchange-current table needs its pair's axes to be"
                            + " written with it");
                }
                rows(y, "    ", "exchange_current_a", pair.exchangeCurrentA().values(), 6);
                y.append("    transfer_coefficient: ").append(plain(pair.transferCoefficient())).append('\n');
            }
        }
        Hysteresis hysteresis = cell.hysteresis();
        if (hysteresis.isPresent() || hysteresis.hasInstantaneous()) {
            y.append("hysteresis:\n");
            double[] rates = hysteresis.decayRate().values();
            if (rates.length == 1) {
                y.append("  decay_rate: ").append(plain(rates[0])).append('\n');
            } else if (java.util.Arrays.equals(hysteresis.decayRate().temperatureC(), hysteresis.maxV().temperatureC())) {
                y.append("  decay_rate: ").append(flow(rates, 1, "  decay_rate: ")).append('\n');
            } else {
                throw new IllegalArgumentException("a decay rate per temperature is written on the hysteresis table's"
                        + " temperature rows");
            }
            table(y, "  ", hysteresis.maxV(), "max_v", 4);
            if (hysteresis.hasInstantaneous()) {
                if (!sameAxes(hysteresis.instantaneousV(), hysteresis.maxV())) {
                    throw new IllegalArgumentException("the instantaneous hysteresis is written on the hysteresis"
                            + " table's axes");
                }
                rows(y, "  ", "instantaneous_v", hysteresis.instantaneousV().values(), 4);
            }
        }
        Table1D efficiency = cell.coulombicEfficiency();
        if (efficiency.values().length == 1) {
            y.append("coulombic_efficiency: ").append(plain(efficiency.values()[0])).append('\n');
        } else {
            y.append("coulombic_efficiency:\n");
            y.append("  temperature_c: ").append(flow(efficiency.temperatureC(), 1, "  temperature_c: ")).append('\n');
            y.append("  efficiency: ").append(flow(efficiency.values(), 4, "  efficiency: ")).append('\n');
        }
        if (Double.isFinite(cell.leakResistanceOhm())) {
            y.append("leak_resistance_ohm: ").append(plain(cell.leakResistanceOhm())).append('\n');
        }
        y.append("thermal:\n");
        y.append("  mass_kg: ").append(plain(cell.thermal().massKg())).append('\n');
        y.append("  specific_heat_j_per_kg_k: ").append(plain(cell.thermal().specificHeatJPerKgK())).append('\n');
        y.append("  surface_area_m2: ").append(plain(cell.thermal().surfaceAreaM2())).append('\n');
        if (!Double.isNaN(cell.modelErrorV())) {
            y.append("model_error_v: ").append(number(cell.modelErrorV(), 4))
                    .append("             # the model against the drives it was fitted on (RMS)\n");
        }
        if (record != null) {
            fit(y, record);
        }
        return y.toString();
    }

    private static boolean sameAxes(Table2D a, Table2D b) {
        return java.util.Arrays.equals(a.soc(), b.soc()) && java.util.Arrays.equals(a.temperatureC(), b.temperatureC());
    }

    private static void table(StringBuilder y, String indent, Table2D table, String key, int decimals) {
        y.append(indent).append("soc: ").append(flow(table.soc(), 4, indent + "soc: ")).append('\n');
        y.append(indent).append("temperature_c: ").append(flow(table.temperatureC(), 1, indent + "temperature_c: "))
                .append('\n');
        rows(y, indent, key, table.values(), decimals);
    }

    private static void rows(StringBuilder y, String indent, String key, double[][] rows, int decimals) {
        y.append(indent).append(key).append(":\n");
        for (double[] row : rows) {
            y.append(indent).append("  - ").append(flow(row, decimals, indent + "  - ")).append('\n');
        }
    }

    private static void fit(StringBuilder y, CellFitRecord record) {
        y.append("fit:                             # how the numbers above were fitted; the model does not read it\n");
        y.append("  tool: ").append(quoted(record.tool())).append('\n');
        y.append("  rc_pairs: ").append(record.rcPairs()).append('\n');
        y.append("  tester_offset_a: ").append(number(record.testerOffsetA(), 5)).append('\n');
        y.append("  files:\n");
        for (CellFitRecord.FileEntry f : record.files()) {
            y.append("    - {file: ").append(quoted(f.file())).append(", test: ").append(f.test())
                    .append(", temperature_c: ").append(number(f.temperatureC(), 1)).append("}\n");
        }
        y.append("  pulses:                        # residual_rms_v: the fitted model against the pulse and its rest\n");
        for (CellFitRecord.PulseEntry p : record.pulses()) {
            y.append("    - {file: ").append(quoted(p.file())).append(", temperature_c: ").append(number(p.temperatureC(), 1))
                    .append(", soc: ").append(number(p.soc(), 4)).append(", current_a: ").append(number(p.currentA(), 3))
                    .append(", residual_rms_v: ").append(number(p.residualRmsV(), 5)).append("}\n");
        }
        if (!record.drives().isEmpty()) {
            y.append("  drives:                        # residual_rms_v: the model against the drive above 5 % soc\n");
            for (CellFitRecord.DriveEntry d : record.drives()) {
                y.append("    - {file: ").append(quoted(d.file())).append(", use: ").append(d.use())
                        .append(", temperature_c: ").append(number(d.temperatureC(), 1)).append(", residual_rms_v: ")
                        .append(number(d.residualRmsV(), 5)).append("}\n");
            }
        }
    }

    /** A flow sequence, wrapped inside its brackets under {@code prefix}'s width. */
    private static String flow(double[] values, int decimals, String prefix) {
        StringBuilder out = new StringBuilder("[");
        int column = prefix.length() + 1;
        String pad = " ".repeat(prefix.length() + 1);
        for (int k = 0; k < values.length; k++) {
            String item = number(values[k], decimals) + (k + 1 < values.length ? "," : "");
            if (k > 0 && column + 1 + item.length() > WIDTH) {
                out.append('\n').append(pad);
                column = pad.length();
            } else if (k > 0) {
                out.append(' ');
                column++;
            }
            out.append(item);
            column += item.length();
        }
        return out.append(']').toString();
    }

    private static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The shortest text that reads back as the same double. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code key: "text"}, or a folded block without the final newline where that line would be too long. */
    private static void folded(StringBuilder y, String key, String text) {
        String line = key + ": " + quoted(text);
        if (line.length() <= WIDTH) {
            y.append(line).append('\n');
            return;
        }
        y.append(key).append(": >-\n");
        for (String part : wrap(text, WIDTH - 2)) {
            y.append("  ").append(part).append('\n');
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
