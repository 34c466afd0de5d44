package dev.nnpaint.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on the loopback interface: a Master and Workers of one core each, every one a JVM
 * started from the Spark jars as a cluster's machines start them, and jobs sent with SparkSubmit in a JVM of their
 * own. The Spark home is a folder whose {@code jars/} holds links to the Spark jars of the build's class path (and
 * no nnpaint class: those come only from the job jar, as on a real cluster). Every process it started is ended on
 * {@link #close()}, and by a shutdown hook should the test JVM be stopped first.
 */
final class LoopbackCluster implements AutoCloseable {

    /** Waits for a process to say it is ready are bounded by this: a loaded 2-core machine can be slow. */
    static final Duration READY = Duration.ofMinutes(3);

    private final Path folder;
    private final Path home;
    private final Path jvmOptions;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "stop the loopback cluster");
    private String masterUrl;

    private LoopbackCluster(Path folder, Path home, Path jvmOptions) {
        this.folder = folder;
        this.home = home;
        this.jvmOptions = jvmOptions;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts a Master and {@code workers} Workers of one core and waits until each has registered.
     *
     * @param jvmOptions the build's argfile of JVM flags (the fast kernels' and those Spark needs on Java 17+)
     */
    static LoopbackCluster start(Path folder, Path jvmOptions, int workers) throws IOException {
        Path home = sparkHome(folder.resolve("spark-home"));
        LoopbackCluster cluster = new LoopbackCluster(folder, home, jvmOptions);
        try {
            int port = freePort();
            Process master = cluster.java(folder.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0");
            awaitLine(master, folder.resolve("master.log"), "I have been elected leader");
            cluster.masterUrl = "spark://127.0.0.1:" + port;
            for (int i = 0; i < workers; i++) {
                cluster.workers.add(cluster.startWorker(i));
            }
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts Worker {@code i} (one core, 1 GB) and waits until it has registered with the Master. */
    private Process startWorker(int i) throws IOException {
        Path log = folder.resolve("worker-" + i + "-" + System.nanoTime() + ".log");
        Path work = Files.createDirectories(folder.resolve("work-" + i));
        Process worker = java(log, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString(), masterUrl);
        awaitLine(worker, log, "Successfully registered with master");
        return worker;
    }

    /** Starts a new Worker in the place of each one that was killed, so that tests can share one cluster. */
    void replaceLostWorkers() throws IOException {
        for (int i = 0; i < workers.size(); i++) {
            if (!workers.get(i).isAlive()) {
                workers.set(i, startWorker(i));
            }
        }
    }

    /**
     * Waits until a Worker's log has a line with one of {@code texts} (each Worker writes its own log; a replaced
     * Worker a new one), at most {@link #READY}; the text found, or null.
     */
    String awaitWorkerLogLine(String... texts) {
        String[] found = {null};
        poll(READY, () -> {
            try (var logs = Files.list(folder)) {
                for (Path log : (Iterable<Path>) logs.filter(p -> p.getFileName().toString().startsWith("worker-"))
                        ::iterator) {
                    String text = Files.readString(log);
                    for (String t : texts) {
                        if (text.contains(t)) {
                            found[0] = t;
                            return true;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return false;
        });
        return found[0];
    }

    /** Checks {@code condition} every 200 ms until it holds or {@code timeout} has passed; whether it holds. */
    static boolean poll(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The folder of Worker {@code i}'s applications and drivers, with their logs. */
    Path workFolder(int i) {
        return folder.resolve("work-" + i);
    }

    String masterUrl() {
        return masterUrl;
    }

    List<Process> workers() {
        return workers;
    }

    /** Starts SparkSubmit with {@code args} in a JVM of its own, its output going to {@code log}. */
    Process submit(Path log, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--master", masterUrl));
        all.addAll(args);
        return java(log, "org.apache.spark.deploy.SparkSubmit", all.toArray(String[]::new));
    }

    /** Kills a process and every process it started (a Worker's executors), as when a machine is lost. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process java(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + jvmOptions);
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(home.resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
        env.put("SPARK_SCALA_VERSION", "2.13"); // a Spark home without a launcher build folder needs it said
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        env.remove("SPARK_MASTER_HOST");
        Process process = builder.start();
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    /** Waits until {@code log} has a line matching {@code text}, failing if the process ends first or in time. */
    static void awaitLine(Process process, Path log, String text) throws IOException {
        Pattern line = Pattern.compile(Pattern.quote(text));
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && line.matcher(Files.readString(log)).find()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("ended before '" + text + "':\n" + Files.readString(log));
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS); // returns at once if it ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no '" + text + "' in " + READY + ":\n" + Files.readString(log));
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void stopAll() {
        List<Process> all;
        synchronized (processes) {
            all = new ArrayList<>(processes);
            processes.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) { // jobs and workers before the master
            kill(all.get(i));
        }
    }

    /** A Spark home: {@code jars/} links to the Spark jars this build runs with, and an empty {@code conf/}. */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            // nnpaint's own classes reach the cluster in the job jar only; HDFS's test cluster is not Spark's.
            if (!name.endsWith(".jar") || entry.contains("/dev/nnpaint/") || name.startsWith("nnpaint-")
                    || name.startsWith("hadoop-client-minicluster") || name.startsWith("surefire")) {
                continue;
            }
            Path link = jars.resolve(name);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        return home;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
