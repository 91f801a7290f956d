import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Compares benchmark jars in one JVM: each jar in a class loader of its own, one benchmark's method run
 * alternately from each (the order reversed every round), so that the host's slow and fast spells fall on both
 * alike. Prints the fastest, the first quartile and the median time per call of each, over the last three
 * quarters of the rounds (the first quarter warms the JIT up).
 *
 * <pre>
 * java tools/ab/InterleavedAb.java CLASS CALLS_PER_ROUND ROUNDS FIELD=VALUE|- JAR...
 * java tools/ab/InterleavedAb.java org.bmsbench.benchmarks.ScenarioThroughputBenchmark 1 24 - old.jar new.jar
 * java tools/ab/InterleavedAb.java org.bmsbench.benchmarks.FirmwareTickBenchmark 20000 40 cells=96 old.jar new.jar
 * </pre>
 * The benchmark class needs a public no-argument constructor, an optional public {@code setUp()} and one public
 * method named {@code run}, {@code step} or {@code tick}; FIELD=VALUE sets an int {@code @Param} field first.
 */
public class InterleavedAb {
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: InterleavedAb CLASS CALLS_PER_ROUND ROUNDS FIELD=VALUE|- JAR...");
            System.exit(2);
        }
        String className = args[0];
        int calls = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String param = args[3];
        int jars = args.length - 4;
        Object[] benchmarks = new Object[jars];
        Method[] ops = new Method[jars];
        for (int j = 0; j < jars; j++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[4 + j]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(className);
            Object benchmark = type.getConstructor().newInstance();
            if (!param.equals("-")) {
                String[] kv = param.split("=", 2);
                Field field = type.getDeclaredField(kv[0]);
                field.setAccessible(true);
                field.setInt(benchmark, Integer.parseInt(kv[1]));
            }
            for (Method m : type.getMethods()) {
                if (m.getName().equals("setUp")) {
                    m.invoke(benchmark);
                }
                if (m.getName().equals("run") || m.getName().equals("step") || m.getName().equals("tick")) {
                    ops[j] = m;
                }
            }
            benchmarks[j] = benchmark;
        }
        double[][] nsPerCall = new double[jars][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < jars; k++) {
                int j = r % 2 == 0 ? k : jars - 1 - k;
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    ops[j].invoke(benchmarks[j]);
                }
                nsPerCall[j][r] = (System.nanoTime() - start) / (double) calls;
            }
        }
        for (int j = 0; j < jars; j++) {
            double[] kept = Arrays.copyOfRange(nsPerCall[j], rounds / 4, rounds);
            Arrays.sort(kept);
            System.out.printf("%-24s fastest %14.1f  quartile %14.1f  median %14.1f ns per call%n",
                    Path.of(args[4 + j]).getFileName(), kept[0], kept[kept.length / 4], kept[kept.length / 2]);
        }
    }
}
