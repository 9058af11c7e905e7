package com.waqup.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A waQup service started from its built jar as a separate JVM, as the launcher runs it, for flow tests that
 * go through the gateway. It runs against the test infrastructure (database {@code waqup_test}, RabbitMQ
 * vhost {@code waqup_test}, Redis database 1) on a free port; its log goes to {@code target/flow-<module>.log}.
 * The gateway module is built last, so the jars of the services exist when its flow tests run.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Ports for test services: 12000-19999, under the ephemeral range and apart from the platform's and benchmarks'. */
    private static final int PORTS_FROM = 12_000;
    private static final int PORTS_COUNT = 8_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final String module;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;
    private final Map<String, String> env;

    private ServiceProcess(String module, int port, int managementPort, Process process, Path log, Map<String, String> env) {
        this.module = module;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
        this.env = env;
    }

    /**
     * A port nothing listens on, below the kernel's ephemeral range (32768 and up on Linux): a port the kernel hands
     * out ({@code new ServerSocket(0)}) is ephemeral, so any outgoing connection of any process on a busy machine could
     * take it as its source port between now and the moment the service binds it (seen in the flow ITs, whose ports are
     * chosen before a minute of service starts). Each port is handed out once per JVM.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = PORTS_FROM + RANDOM.nextInt(PORTS_COUNT);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // someone listens there: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + PORTS_FROM + " and " + (PORTS_FROM + PORTS_COUNT)));
    }

    /** Starts {@code module} on {@code port} with the test infrastructure plus {@code env}; waits until ready. */
    public static ServiceProcess start(String module, int port, Map<String, String> env) {
        Path root = Path.of(System.getProperty("waqup.root", Path.of("..").toAbsolutePath().normalize().toString()));
        Path jar = root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B package -pl " + module
                    + " -am -DskipTests, or the full ./waqup test)");
        }
        Path log = Path.of("target", "flow-" + module + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-jar", jar.toString()));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PORT", Integer.toString(port));
        int managementPort = freePort();
        environment.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.put("DB_URL", TestDatabase.url());
        environment.put("RABBITMQ_VHOST", TestDatabase.RABBIT_VHOST);
        environment.put("REDIS_DATABASE", Integer.toString(TestDatabase.REDIS_DATABASE));
        environment.put("S3_BUCKET", TestDatabase.S3_BUCKET);
        environment.put("S3_CREATE_BUCKET", "true");
        environment.putAll(env);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            ServiceProcess service = new ServiceProcess(module, port, managementPort, builder.start(), log, Map.copyOf(env));
            service.awaitReady(Duration.ofSeconds(180));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        try {
            Awaitility.await(module + " ready").atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .failFast(module + " exited", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(() -> Http.get(managementUrl("/actuator/health/readiness")).status() == 200);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            close();
            throw new IllegalStateException(module + " did not become ready: " + e.getMessage() + "; log: " + tail(), e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    /** Actuator's own port (probes, Prometheus). */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** Everything the service logged so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        String text = logText();
        return text.substring(Math.max(0, text.length() - 4000));
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hooks, no graceful stop, like a crashed pod. */
    public void crash() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the same module again on the same port, with its environment plus {@code changes}; waits until ready. */
    public ServiceProcess restart(Map<String, String> changes) {
        if (process.isAlive()) {
            close();
        }
        Map<String, String> merged = new LinkedHashMap<>(env);
        merged.putAll(changes);
        return start(module, port, merged);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(TimeUnit.SECONDS.toMillis(20), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
