package com.waqup.common.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.waqup.common.test.RepositoryRoot;
import com.waqup.common.test.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher's own infrastructure ({@code scripts/infra.sh}, {@code ./waqup}) as a person meets it: started from a
 * terminal that then goes away, and looked at with {@code status} after one of its processes died. Runs the real
 * scripts on a private data directory and free ports (s3proxy's jar from the machine's {@code /opt/waqup}).
 */
class LauncherScriptsIT {

    private final Path root = RepositoryRoot.path();
    private Path data;
    private Path run;
    private int s3Port;

    @BeforeEach
    void privateInfrastructure() throws IOException {
        data = Files.createTempDirectory("waqup-infra-it");
        run = Files.createTempDirectory("waqup-run-it");
        s3Port = ServiceProcess.freePort();
    }

    @AfterEach
    void stopWhatWasStarted() throws Exception {
        bash("source scripts/infra.sh && stop_s3");
    }

    /**
     * A terminal's job is a process group; when the terminal (or the job runner) ends it, the whole group is signalled.
     * s3proxy started by {@code ensure_s3} must not be in that group.
     */
    @Test
    void shouldKeepS3proxyRunningAfterTheShellThatStartedItAndItsProcessGroupAreGone() throws Exception {
        // the shell leads its own session and process group, as a terminal's shell does
        ProcessBuilder builder = scripts("setsid", "bash", "-c", "source scripts/infra.sh && ensure_s3");
        Process shell = builder.redirectErrorStream(true).redirectOutput(data.resolve("shell.log").toFile()).start();
        shell.getOutputStream().close();
        assertThat(shell.waitFor(120, TimeUnit.SECONDS)).as("ensure_s3 returns").isTrue();
        assertThat(shell.exitValue()).as(Files.readString(data.resolve("shell.log"))).isZero();
        assertThat(listening(s3Port)).as("s3proxy answers after ensure_s3").isTrue();

        // the terminal goes away: every process left in the shell's process group gets SIGTERM, then SIGKILL
        new ProcessBuilder("kill", "-TERM", "--", "-" + shell.pid()).start().waitFor(10, TimeUnit.SECONDS);
        new ProcessBuilder("kill", "-KILL", "--", "-" + shell.pid()).start().waitFor(10, TimeUnit.SECONDS);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> listening(s3Port));
        String pid = Files.readString(data.resolve("s3/s3proxy.pid")).trim();
        assertThat(ProcessHandle.of(Long.parseLong(pid))).as("the pid file names the live s3proxy").isPresent();
    }

    @Test
    void shouldFlagADeadInfrastructureProcessInStatusWithoutShellNoise() throws Exception {
        Files.createDirectories(data.resolve("s3"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(data.resolve("s3/s3proxy.pid"), gone.pid() + "\n");
        Files.writeString(run.resolve("started-infra"), "s3\n");
        Files.createDirectories(run.resolve("pids"));
        Files.writeString(run.resolve("pids/credit-service.pid"), gone.pid() + "\n"); // a service's stale pid file too

        Result status = bash("./waqup status");
        assertThat(status.output()).as(status.output())
                .containsPattern("s3proxy\\s+127\\.0\\.0\\.1:" + s3Port + "\\s+DOWN: its process \\(pid " + gone.pid() + "\\) has died")
                .doesNotContain("No such file or directory");
    }

    private record Result(int exit, String output) {
    }

    /** The scripts with this test's private data directory, run directory and ports. */
    private ProcessBuilder scripts(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(Map.of("WAQUP_INFRA_DATA", data.toString(), "WAQUP_RUN_DIR", run.toString(),
                "S3_PORT", Integer.toString(s3Port), "ES_PORT", Integer.toString(ServiceProcess.freePort()),
                "JAVA_HOME", System.getProperty("java.home"), "TERM", "dumb"));
        return builder;
    }

    private Result bash(String script) throws Exception {
        Process process = scripts("bash", "-c", script).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
