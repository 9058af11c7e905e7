package com.waqup.audio.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool (espeak-ng, ffmpeg, ffprobe) as a plain process: an argument list, never a shell, so no text of a
 * script can become a command. Output goes to files in the job's directory (no pipe can fill up and block), the
 * process is killed on timeout or interruption.
 */
public final class Processes {

    private Processes() {
    }

    /** The tool's exit, its standard output and the tail of its standard error. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** A tool that failed, timed out or could not start; {@code stderrTail} is for logs only, never for clients. */
    public static final class ToolException extends IOException {

        private final String stderrTail;

        ToolException(String message, String stderrTail) {
            super(message);
            this.stderrTail = stderrTail;
        }

        public String stderrTail() {
            return stderrTail;
        }
    }

    public static Result run(List<String> command, Path workDir, Duration timeout) throws IOException, InterruptedException {
        String name = Path.of(command.getFirst()).getFileName().toString();
        Path out = Files.createTempFile(workDir, name, ".out");
        Path err = Files.createTempFile(workDir, name, ".err");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new ToolException(name + " could not be started", e.getMessage());
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new ToolException(name + " did not finish within " + timeout, tail(err));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                throw e;
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), tail(err));
            if (result.exitCode() != 0) {
                throw new ToolException(name + " exited with " + result.exitCode(), result.stderr());
            }
            return result;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The full standard error (ffmpeg prints its measurements there). */
    private static String tail(Path err) throws IOException {
        String text = Files.readString(err, StandardCharsets.UTF_8);
        return text.length() > 64_000 ? text.substring(text.length() - 64_000) : text;
    }
}
