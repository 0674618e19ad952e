package cl.cobranza.core.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * What every database server run as a child process needs (ClickHouse, MariaDB): stopping it gently then
 * forcibly, stopping a server a crashed run left behind, reading its log tail, finding its binary, a free port,
 * a random password. Logs through {@link System.Logger}, which the launcher routes to its log file.
 */
public final class ServerProcesses {
    private static final System.Logger LOG = System.getLogger(ServerProcesses.class.getName());

    private ServerProcesses() {
    }

    /** Asks a process to stop (SIGTERM), waits up to {@code timeout}, then kills it; {@code name} is for the log. */
    public static void stop(ProcessHandle handle, Duration timeout, String name) {
        if (!handle.isAlive()) {
            return;
        }
        long started = System.nanoTime();
        handle.destroy();
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.log(System.Logger.Level.INFO, "{0} (pid {1}) stopped in {2} ms", name, Long.toString(handle.pid()),
                    Long.toString((System.nanoTime() - started) / 1_000_000));
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} (pid {1}) did not stop within {2} s, killing it", name,
                    Long.toString(handle.pid()), Long.toString(timeout.toSeconds()));
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    /**
     * Stops a server that a crashed previous run left behind (it would hold the ports and the data): reads and
     * deletes {@code pidFile}, and stops that pid only if its command line looks like the server
     * ({@code isServer}) and names {@code dir} when that can be told, since pids are reused.
     */
    public static void stopStale(Path pidFile, Path dir, Predicate<String> isServer, Duration timeout, String name)
            throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
        Files.delete(pidFile);
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring unreadable pid file {0} ({1})", pidFile, text);
            return;
        }
        Optional<ProcessHandle> stale = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle.Info info = stale.get().info();
        String commandLine = info.commandLine().orElse(info.command().orElse(""));
        boolean ours = info.commandLine().map(c -> c.contains(dir.toString())).orElse(true);
        if (isServer.test(commandLine) && ours) {
            LOG.log(System.Logger.Level.WARNING, "Stopping {0} left running by a previous run (pid {1})", name,
                    Long.toString(pid));
            stop(stale.get(), timeout, name);
        } else {
            LOG.log(System.Logger.Level.INFO, "Pid {0} from {1} now belongs to another process ({2}); leaving it alone",
                    Long.toString(pid), pidFile, commandLine);
        }
    }

    /** The last {@code lines} lines of a log file, or a note that it is missing or unreadable. */
    public static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(missing)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** An executable called {@code name} on the PATH. */
    public static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago (good enough for tests and local runs). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }

    /** A random password of 36 hex characters. */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
