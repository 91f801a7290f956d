package org.bmsbench.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.image.BufferedImage;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.Timer;
import javax.swing.table.DefaultTableModel;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.mqtt.TelemetrySnapshot;
import org.bmsbench.sim.PlantFault;
import org.jfree.chart.ChartPanel;

/**
 * The live view of a run: cell voltages as numbered bars (min and max marked with their cells, balancing cells in
 * orange, readings the BMS holds implausible in grey), pack current with the BMS's limits and the pack voltage, soc
 * estimated and true (the displayed-soc rule under it and in a tooltip), the temperatures as a heat strip, the BMS
 * and contactor state, the active faults, and the controls (run, pause, speed; requests; balancing strategy;
 * faults on a chosen cell). A Swing timer takes the newest snapshot from the run 20 times a second at most and
 * updates the model in one batch.
 */
public final class Dashboard extends JPanel {
    private static final String[] SPEEDS = {"x1", "x10", "x100", "max"};

    private final DashboardSource run;
    private final DashboardModel model = new DashboardModel();
    private final DashboardCharts charts = new DashboardCharts(model);
    private final JLabel status = new JLabel(" ");
    private final DefaultTableModel faults = new DefaultTableModel(new Object[] {"fault", "level", "since, s"}, 0);
    private final JLabel commandError = new JLabel(" ");
    private TelemetrySnapshot snapshot;
    private Runnable onUpdate = () -> { };

    public Dashboard(DashboardSource run) {
        super(new BorderLayout(6, 6));
        this.run = run;
        setBackground(Color.WHITE);
        JPanel grid = new JPanel(new GridLayout(2, 2, 4, 4));
        grid.add(panel(charts.cells));
        grid.add(panel(charts.current));
        ChartPanel socPanel = sized(new ChartPanel(charts.soc, false) {
            @Override
            public String getToolTipText(java.awt.event.MouseEvent e) {
                return status.getToolTipText(); // the displayed-soc rule; the chart's own entities have no tips
            }
        });
        javax.swing.ToolTipManager.sharedInstance().registerComponent(socPanel);
        grid.add(socPanel);
        grid.add(panel(charts.temperatures));
        add(grid, BorderLayout.CENTER);
        add(side(), BorderLayout.EAST);
        status.setFont(status.getFont().deriveFont(Font.BOLD, 14f));
        status.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        add(status, BorderLayout.NORTH);
        add(controls(), BorderLayout.SOUTH);
    }

    private static ChartPanel panel(org.jfree.chart.JFreeChart chart) {
        return sized(new ChartPanel(chart, false));
    }

    private static ChartPanel sized(ChartPanel p) {
        p.setPreferredSize(new Dimension(560, 300));
        p.setMouseWheelEnabled(true);
        return p;
    }

    private JPanel side() {
        JPanel side = new JPanel(new BorderLayout());
        side.setPreferredSize(new Dimension(380, 300));
        side.add(new JLabel("Active faults"), BorderLayout.NORTH);
        JTable table = new JTable(faults);
        table.setEnabled(false);
        table.getColumnModel().getColumn(0).setPreferredWidth(230);
        table.getColumnModel().getColumn(1).setPreferredWidth(60);
        table.getColumnModel().getColumn(2).setPreferredWidth(70);
        side.add(new JScrollPane(table), BorderLayout.CENTER);
        commandError.setForeground(Color.RED);
        side.add(commandError, BorderLayout.SOUTH);
        return side;
    }

    private JPanel controls() {
        JPanel c = new JPanel(new FlowLayout(FlowLayout.LEFT));
        JButton pause = new JButton(run.paused() ? "Start" : "Pause");
        pause.setEnabled(run.pausable());
        pause.addActionListener(e -> {
            run.setPaused(!run.paused());
            pause.setText(run.paused() ? "Run" : "Pause");
        });
        c.add(pause);
        JComboBox<String> speed = new JComboBox<>(SPEEDS);
        speed.setSelectedIndex(Double.isNaN(run.speed()) ? 3 : run.speed() >= 100 ? 2 : run.speed() >= 10 ? 1 : 0);
        speed.addActionListener(e -> {
            double value = switch (speed.getSelectedIndex()) {
                case 0 -> 1;
                case 1 -> 10;
                case 2 -> 100;
                default -> Double.NaN;
            };
            run.send(bench -> bench.setSpeed(value));
        });
        c.add(new JLabel("speed"));
        c.add(speed);
        c.add(request("Normal", BmsRequest.NORMAL));
        c.add(request("Standby", BmsRequest.STANDBY));
        c.add(request("Reset faults", BmsRequest.RESET_FAULTS));
        JComboBox<BalancingConfig.Strategy> strategy = new JComboBox<>(BalancingConfig.Strategy.values());
        strategy.setSelectedItem(run.balancingStrategy() != null ? run.balancingStrategy()
                : BalancingConfig.Strategy.VOLTAGE); // a remote bench's is not known: the default configuration's
        strategy.addActionListener(e -> {
            BalancingConfig.Strategy s = (BalancingConfig.Strategy) strategy.getSelectedItem();
            run.send(bench -> bench.setBalancing(s));
        });
        c.add(new JLabel("balancing"));
        c.add(strategy);
        JComboBox<PlantFault.Type> type = new JComboBox<>(PlantFault.Type.values());
        JSpinner target = new JSpinner(new SpinnerNumberModel(1, 1, 10_000, 1));
        JTextField value = new JTextField("0.25", 5);
        c.add(new JLabel("fault"));
        c.add(type);
        c.add(new JLabel("on"));
        c.add(target);
        c.add(new JLabel("value"));
        c.add(value);
        c.add(faultButton("Inject", true, type, target, value));
        c.add(faultButton("Clear", false, type, target, value));
        return c;
    }

    private JButton request(String label, BmsRequest request) {
        JButton b = new JButton(label);
        b.addActionListener(e -> run.send(bench -> bench.request(request)));
        return b;
    }

    private JButton faultButton(String label, boolean inject, JComboBox<PlantFault.Type> type, JSpinner target,
                                JTextField value) {
        JButton b = new JButton(label);
        b.addActionListener(e -> {
            PlantFault.Type t = (PlantFault.Type) type.getSelectedItem();
            double v;
            try {
                v = value.getText().isBlank() ? Double.NaN : Double.parseDouble(value.getText().trim());
            } catch (NumberFormatException nfe) {
                commandError.setText("value: not a number");
                return;
            }
            try {
                PlantFault fault = new PlantFault(t, (Integer) target.getValue() - 1, v);
                commandError.setText(" ");
                run.send(bench -> bench.fault(fault, inject));
            } catch (IllegalArgumentException iae) {
                commandError.setText(iae.getMessage());
            }
        });
        return b;
    }

    /** Starts taking snapshots, 20 times a second (event thread). */
    public void startUpdates() {
        new Timer(1000 / LiveRun.SNAPSHOT_HZ, e -> poll()).start();
    }

    /** Takes the newest snapshot, if any, into the model and the labels (event thread). */
    public void poll() {
        if (snapshot == null) {
            snapshot = run.newSnapshot();
            if (snapshot == null) {
                return;
            }
        }
        if (run.latest(snapshot)) {
            show(snapshot);
            onUpdate.run();
        }
        String error = run.lastCommandError();
        if (error != null) {
            commandError.setText(error);
        }
    }

    /** Shows one snapshot (event thread, or a test's thread off screen). */
    public void show(TelemetrySnapshot s) {
        model.update(s);
        charts.refresh();
        status.setText(String.format(Locale.ROOT, "%s   t = %.1f s   BMS %s   contactors %s   soc %.1f %%"
                        + "%s   %s", run.title(), s.timeS(), model.state(), model.contactors(), 100 * s.soc(),
                Double.isNaN(s.trueSoc()) ? "" : String.format(Locale.ROOT, " (true %.1f %%)", 100 * s.trueSoc()),
                run.condition()));
        status.setToolTipText(socTip(model.socRule()));
        faults.setRowCount(0);
        for (DashboardModel.ActiveFault f : model.faults()) {
            faults.addRow(new Object[] {f.id().name(), f.level().id(), String.format(Locale.ROOT, "%.2f",
                    f.sinceS())});
        }
    }

    /** The displayed-soc rule in words, for the tooltips of the title line and the soc chart. */
    static String socTip(String now) {
        return "<html>The soc the BMS shows is min / (min + 1 - max) of its channels' estimates:<br>"
                + "100 % as soon as the fullest channel looks full (charging must stop),<br>"
                + "0 % as soon as the emptiest looks empty (driving must stop).<br>"
                + "A channel that reads high therefore shows the pack full."
                + (now.isEmpty() ? "" : "<br><br>Now: " + now) + "</html>";
    }

    /** Called after each update from the run (event thread). */
    public void onUpdate(Runnable r) {
        onUpdate = r;
    }

    public DashboardModel model() {
        return model;
    }

    public DashboardCharts charts() {
        return charts;
    }

    /** The whole dashboard painted off screen (no display needed), for screenshots and tests. */
    public BufferedImage render(int width, int height) {
        setSize(width, height);
        doLayoutDeep(this);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        printAll(g);
        g.dispose();
        return image;
    }

    private static void doLayoutDeep(java.awt.Container c) {
        c.doLayout();
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof java.awt.Container inner) {
                doLayoutDeep(inner);
            }
        }
    }
}
