package org.bmsbench.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bmsbench.firmware.soc.SocConfig;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validation plot: three panels, each with its own legend and colours, and the model's error with its RMS. */
class ValidationPlotTest {
    @TempDir
    Path dir;

    /** 100 s of a model 10 mV above the measurement, then 100 s of it 10 mV below: 10 mV RMS. */
    private static Validation.Result result() {
        int n = 200;
        double[] t = new double[n];
        double[] measured = new double[n];
        double[] model = new double[n];
        double[] reference = new double[n];
        double[] estimated = new double[n];
        double[] sigma = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = k;
            measured[k] = 4.0 - 0.002 * k;
            model[k] = measured[k] + (k < 100 ? 0.010 : -0.010);
            reference[k] = 1.0 - 0.001 * k;
            estimated[k] = reference[k] + 0.005;
            sigma[k] = 0.01;
        }
        return new Validation.Result("drive.csv", "a-cell", SocConfig.Estimator.EKF, 1.0, 3.0, 25.0, n - 1, n - 1,
                n - 1, 0, 0.010, 0.010, 0.010, 0.005, 0.005, Double.NaN, Double.NaN, 0.005, 1.0, 0.0, t, measured,
                model, reference, estimated, sigma);
    }

    @Test
    void shouldDrawThreePanelsEachWithItsOwnLegendAndColours() throws Exception {
        JFreeChart chart = ValidationPlot.chart(result());

        assertThat(chart.getLegend()).as("no shared legend under the chart").isNull();
        List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
        assertThat(panels).hasSize(3);
        assertThat(legend(panels.get(0))).containsExactly("measured", "model");
        assertThat(legend(panels.get(1))).containsExactly("model - measured (10.0 mV RMS)");
        assertThat(legend(panels.get(2))).containsExactly("reference (charge count)", "estimated (ekf)",
                "estimate's 3-sigma band");
        List<Paint> lines = new ArrayList<>();
        for (XYPlot panel : panels) {
            for (int s = 0; s < panel.getDataset(0).getSeriesCount(); s++) {
                lines.add(panel.getRenderer(0).getSeriesPaint(s));
            }
        }
        assertThat(lines).hasSize(5).doesNotHaveDuplicates().doesNotContainNull();

        XYPlot error = panels.get(1);
        assertThat(error.getRangeAxis().getLabel()).isEqualTo("model - measured, mV");
        assertThat(error.getDataset(0).getYValue(0, 0)).isCloseTo(10.0, within(1e-9));
        assertThat(error.getDataset(0).getYValue(0, error.getDataset(0).getItemCount(0) - 1))
                .isCloseTo(-10.0, within(1e-9));
    }

    @Test
    void shouldWriteThePng() throws Exception {
        Path png = dir.resolve("drive.png");
        ValidationPlot.write(result(), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(1000);
    }

    /** The labels of the legend drawn inside a panel. */
    private static List<String> legend(XYPlot panel) {
        List<String> labels = new ArrayList<>();
        for (XYAnnotation a : panel.getAnnotations()) {
            if (a instanceof XYTitleAnnotation title && title.getTitle() instanceof LegendTitle legend) {
                LegendItemCollection items = legend.getSources()[0].getLegendItems();
                for (int k = 0; k < items.getItemCount(); k++) {
                    LegendItem item = items.get(k);
                    labels.add(item.getLabel());
                }
            }
        }
        return labels;
    }
}
