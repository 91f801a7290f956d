package org.bmsbench.cli;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.mqtt.MqttSettings;
import org.bmsbench.mqtt.RemoteBench;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.ui.Dashboard;
import org.bmsbench.ui.DashboardSource;
import org.bmsbench.ui.LiveRun;
import org.bmsbench.ui.RemoteSource;
import org.eclipse.paho.client.mqttv3.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The live dashboard of a scenario run (Swing and JFreeChart). */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Run a scenario with a live dashboard: cell voltages, current and limits, soc, temperatures,"
                + " state and faults, with controls to pause, change speed, send requests, switch the balancing"
                + " strategy and inject faults. With --screenshot it runs headless to a simulated time and writes"
                + " the dashboard as a PNG instead."})
final class UiCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", arity = "0..1", description = "The scenario file to run.")
    private Path scenarioFile;

    @Option(names = "--mqtt", paramLabel = "URL", description = "Watch a bench over MQTT instead (tcp://host:port or"
            + " ssl://host:port), with --pack.")
    private String mqttUrl;

    @Mixin
    private MqttLoginOptions mqttLogin;

    @Option(names = "--pack", paramLabel = "ID", description = "The remote bench's pack id (with --mqtt).")
    private String packId;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "1|10|100|max",
            description = "Times real time to start at (default: ${DEFAULT-VALUE}).")
    private String speed;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "Write the dashboard at --at-s to a PNG,"
            + " without a screen; with --mqtt, once the bench's cells have come (and its time has reached --at-s if"
            + " given).")
    private Path screenshot;

    @Option(names = "--at-s", defaultValue = "600", paramLabel = "S",
            description = "With --screenshot: the simulated time to show (default: ${DEFAULT-VALUE}).")
    private double atS;

    /** A remote screenshot gives up after this long without new telemetry. */
    private static final long REMOTE_SILENCE_NS = 60_000_000_000L;

    @Option(names = "--exit-at-end", description = "Close the window when the scenario ends and print how fast it ran"
            + " with the dashboard drawing (to measure what the dashboard costs the run).")
    private boolean exitAtEnd;

    @Override
    public Integer call() throws IOException, InterruptedException {
        double x = switch (speed) {
            case "1" -> 1;
            case "10" -> 10;
            case "100" -> 100;
            case "max" -> Double.NaN;
            default -> throw new IllegalArgumentException("--speed must be 1, 10, 100 or max, got '" + speed + "'");
        };
        if ((scenarioFile == null) == (mqttUrl == null)) {
            throw new IllegalArgumentException("give a SCENARIO to run, or --mqtt URL --pack ID to watch a bench");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (mqttUrl != null) {
            return watch(out);
        }
        Scenario scenario = ScenarioFiles.read(scenarioFile);
        LiveRun run = new LiveRun(scenario, x);
        if (screenshot != null) {
            if (!(atS > 0)) {
                throw new IllegalArgumentException("--at-s must be above zero, got " + atS);
            }
            Dashboard dashboard = new Dashboard(run);
            run.runUntil(atS, Math.max(0.1, atS / 2000), dashboard::show);
            ImageIO.write(dashboard.render(1700, 1000), "png", screenshot.toFile());
            out.println("dashboard at " + atS + " s of " + scenario.name() + ": " + screenshot);
            return 0;
        }
        requireDisplay();
        long[] updates = new long[1];
        run.setPaused(!exitAtEnd); // it waits for Start, unless it is being measured
        CountDownLatch closed = showWindow("bmsbench: " + scenario.name(), run, dashboard -> {
            dashboard.onUpdate(() -> updates[0]++);
            run.start();
        }, frame -> {
            if (exitAtEnd) {
                new javax.swing.Timer(200, e -> {
                    if (run.result() != null) {
                        ((javax.swing.Timer) e.getSource()).stop();
                        frame.dispose();
                    }
                }).start();
            }
        });
        closed.await();
        if (run.result() != null) {
            out.printf(java.util.Locale.ROOT, "%s: %.1f s simulated in %.2f s (%.0fx real time) with the dashboard"
                            + " drawing %d updates%n", scenario.name(), run.result().simulatedS(), run.result().wallS(),
                    run.result().speedUp(), updates[0]);
        }
        return 0;
    }

    /**
     * Opens the dashboard of {@code source} in a window (on the event thread), with {@code beforeUpdates} run
     * before it starts taking snapshots; the latch opens when the window closes.
     */
    private static CountDownLatch showWindow(String title, DashboardSource source,
                                             java.util.function.Consumer<Dashboard> beforeUpdates,
                                             java.util.function.Consumer<JFrame> shown) {
        CountDownLatch closed = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            JFrame frame = new JFrame(title);
            Dashboard dashboard = new Dashboard(source);
            frame.setContentPane(dashboard);
            frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            frame.addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    closed.countDown();
                }
            });
            frame.pack();
            frame.setVisible(true);
            beforeUpdates.accept(dashboard);
            dashboard.startUpdates();
            shown.accept(frame);
        });
        return closed;
    }

    private static void requireDisplay() {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalArgumentException("no display for the dashboard (DISPLAY is not set); use --screenshot"
                    + " to render a run without one");
        }
    }

    /** The dashboard of a bench elsewhere, over MQTT, until the window closes. */
    private int watch(PrintWriter out) throws InterruptedException, IOException {
        if (packId == null) {
            throw new IllegalArgumentException("--mqtt needs --pack ID: the bench's pack id");
        }
        MqttSettings settings = mqttLogin.applyTo(MqttSettings.of(mqttUrl));
        if (screenshot == null) {
            requireDisplay();
        }
        RemoteBench bench;
        try {
            bench = new RemoteBench(settings, packId);
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot connect to " + mqttUrl + ": " + e.getMessage());
        }
        if (screenshot != null) {
            try {
                return remoteScreenshot(out, bench);
            } finally {
                close(bench, out);
            }
        }
        CountDownLatch closed = showWindow("bmsbench: " + packId + " over MQTT", new RemoteSource(bench, packId),
                dashboard -> { }, frame -> { });
        out.println("watching bmsbench/" + packId + " on " + mqttUrl);
        out.flush();
        closed.await();
        close(bench, out);
        return 0;
    }

    /**
     * The dashboard of a remote bench off screen, written once its cells have come and, with --at-s given, its
     * time has reached it; exit 1 when the bench falls silent first.
     */
    private int remoteScreenshot(PrintWriter out, RemoteBench bench) throws InterruptedException, IOException {
        boolean untilTime = spec.commandLine().getParseResult().hasMatchedOption("--at-s");
        Dashboard dashboard = new Dashboard(new RemoteSource(bench, packId));
        double seenS = Double.NaN;
        long silentSince = System.nanoTime();
        while (dashboard.model().channels() == 0 || untilTime && dashboard.model().timeS() < atS) {
            dashboard.poll();
            if (dashboard.model().timeS() != seenS) {
                seenS = dashboard.model().timeS();
                silentSince = System.nanoTime();
            } else if (System.nanoTime() - silentSince > REMOTE_SILENCE_NS) {
                spec.commandLine().getErr().printf("no %s from bmsbench/%s on %s for %d s: no screenshot written%n",
                        dashboard.model().channels() == 0 ? "cells" : "telemetry", packId, mqttUrl,
                        REMOTE_SILENCE_NS / 1_000_000_000L);
                return 1;
            }
            Thread.sleep(20);
        }
        ImageIO.write(dashboard.render(1700, 1000), "png", screenshot.toFile());
        out.printf(java.util.Locale.ROOT, "dashboard at %.1f s of bmsbench/%s: %s%n", dashboard.model().timeS(),
                packId, screenshot);
        return 0;
    }

    private static void close(RemoteBench bench, PrintWriter out) {
        try {
            bench.close();
        } catch (MqttException e) {
            out.println("closing the MQTT client: " + e.getMessage());
        }
    }
}
