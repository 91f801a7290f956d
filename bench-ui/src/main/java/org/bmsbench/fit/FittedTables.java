package org.bmsbench.fit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table2D;

/**
 * A fitted cell's R0 and RC-pair tables as the console shows them: read from the cell that is written, row by row
 * at the file's precision, so what {@code fit} prints is what the file holds; and the values the pulse fit left
 * on an end of their allowed range ({@link RcFit}), where the tests did not pin them.
 */
public final class FittedTables {
    /** A value this close to a bound, relatively, is on it (the tables keep 3 to 6 decimals). */
    private static final double ON_BOUND = 1e-3;

    private FittedTables() {
    }

    /**
     * A line per temperature and soc point: R0, each pair's R and tau, the exchange current. The fit gives every
     * table the same axes.
     */
    public static List<String> rows(CellParameters cell) {
        Table2D r0 = cell.r0Ohm();
        for (RcPair p : cell.rcPairs()) {
            if (!sameAxes(r0, p.resistanceOhm()) || !sameAxes(r0, p.tauS())
                    || p.hasChargeTransfer() && !sameAxes(r0, p.exchangeCurrentA())) {
                throw new IllegalArgumentException(cell.name() + ": R0 and the RC pairs need the same axes to be"
                        + " listed row by row");
            }
        }
        List<String> lines = new ArrayList<>();
        for (int t = 0; t < r0.temperatureC().length; t++) {
            lines.add(String.format(Locale.ROOT, "R0 and RC pairs written at %.1f degC:", r0.temperatureC()[t]));
            for (int k = 0; k < r0.soc().length; k++) {
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  soc %.4f: R0 %.3f mOhm",
                        r0.soc()[k], 1000 * r0.values()[t][k]));
                for (int p = 0; p < cell.rcPairs().size(); p++) {
                    RcPair pair = cell.rcPairs().get(p);
                    s.append(String.format(Locale.ROOT, ", R%d %.3f mOhm tau%d %.3f s", p + 1,
                            1000 * pair.resistanceOhm().values()[t][k], p + 1, pair.tauS().values()[t][k]));
                    if (pair.hasChargeTransfer()) {
                        s.append(String.format(Locale.ROOT, ", i0 %.6f A", pair.exchangeCurrentA().values()[t][k]));
                    }
                }
                lines.add(s.toString());
            }
        }
        return lines;
    }

    /**
     * A warning per fitted parameter, temperature and bound where the tables hold a value on the end of the range
     * the fit allows it: there the tests did not pin it, and the value is the range's, not the cell's.
     */
    public static List<String> onBounds(CellParameters cell) {
        List<String> warnings = new ArrayList<>();
        List<RcPair> pairs = cell.rcPairs();
        for (int p = 0; p < pairs.size(); p++) {
            double[] tau = RcFit.tauBoundsS(pairs.size(), p);
            warn(warnings, "tau" + (p + 1), "s", pairs.get(p).tauS(), tau[0], tau[1], 1.0);
            warn(warnings, "R" + (p + 1), "mOhm", pairs.get(p).resistanceOhm(), RcFit.MIN_R_OHM, RcFit.MAX_R_OHM,
                    1000.0);
            if (pairs.get(p).hasChargeTransfer()) {
                warn(warnings, "i0", "A", pairs.get(p).exchangeCurrentA(), RcFit.MIN_EXCHANGE_A,
                        RcFit.MAX_EXCHANGE_A, 1.0);
            }
        }
        return warnings;
    }

    private static void warn(List<String> warnings, String name, String unit, Table2D table, double lower,
                             double upper, double scale) {
        for (int t = 0; t < table.temperatureC().length; t++) {
            for (double bound : new double[] {lower, upper}) {
                List<String> socs = new ArrayList<>();
                for (int k = 0; k < table.soc().length; k++) {
                    if (Math.abs(table.values()[t][k] - bound) <= ON_BOUND * bound) {
                        socs.add(String.format(Locale.ROOT, "%.4f", table.soc()[k]));
                    }
                }
                if (!socs.isEmpty()) {
                    warnings.add(String.format(Locale.ROOT, "warning: %s sits on its %s bound (%s %s) at %.1f degC,"
                                    + " soc %s: there the fit's range, not the tests, sets it",
                            name, bound == lower ? "lower" : "upper",
                            BigDecimal.valueOf(bound * scale).stripTrailingZeros().toPlainString(), unit, table.temperatureC()[t],
                            String.join(", ", socs)));
                }
            }
        }
    }

    private static boolean sameAxes(Table2D a, Table2D b) {
        return Arrays.equals(a.soc(), b.soc()) && Arrays.equals(a.temperatureC(), b.temperatureC());
    }
}
