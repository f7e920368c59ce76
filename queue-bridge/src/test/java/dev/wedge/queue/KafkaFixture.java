package dev.wedge.queue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) inside the test JVM, on loopback only.
 * {@link #stop()} and {@link #start()} keep ports and log directories, so a restarted broker has its data.
 * <p>
 * The ports are picked free beforehand: the controller's must be known for the quorum voters, and the broker's
 * bound port is not exposed. So a port may be taken before Kafka binds it (by another process, or while the broker
 * is stopped, by a client's connection attempt); a first start then tries fresh ports, a restart tries again.
 */
public final class KafkaFixture implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final long READY_TIMEOUT_SECONDS = 60;
    /** Fresh port pairs tried by the first start before giving up. */
    private static final int FIRST_START_PORTS = 5;
    /** How long a restart keeps trying to bind its old ports. */
    private static final Duration RESTART_PATIENCE = Duration.ofSeconds(60);
    private static final long RESTART_BACKOFF_MILLIS = 200;

    static {
        // Kafka halts the JVM when its controller cannot start (a taken port, for one): make that a failed
        // start the fixture can retry, not the end of the test run
        Exit.setHaltProcedure(KafkaFixture::refuseToEndTheJvm);
        Exit.setExitProcedure(KafkaFixture::refuseToEndTheJvm);
    }

    private final Path root;
    private int brokerPort;
    private int controllerPort;
    private KafkaConfig config;
    private KafkaRaftServer server;

    /** Formats fresh log directories and starts the broker; returns once it serves clients. */
    public KafkaFixture() {
        try {
            root = Files.createTempDirectory("wedge-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            startOnSomeFreePorts();
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The bootstrap server list for clients. */
    public String bootstrap() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Starts the broker again on the same ports and directories; returns once it serves clients. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long deadline = System.nanoTime() + RESTART_PATIENCE.toNanos();
        for (RuntimeException failure = tryStartup(); failure != null; failure = tryStartup()) {
            if (System.nanoTime() > deadline) {
                throw failure;
            }
            backOff();
        }
        try {
            awaitReady();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void startOnSomeFreePorts() {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < FIRST_START_PORTS; attempt++) {
            failure = startOnFreshPorts();
            if (failure == null) {
                return;
            }
        }
        throw new IllegalStateException("Kafka did not start on any of " + FIRST_START_PORTS + " port pairs", failure);
    }

    /** Picks ports, formats the directories for them and tries them once; returns why that failed, or null. */
    private RuntimeException startOnFreshPorts() {
        try {
            brokerPort = freeLoopbackPort();
            controllerPort = freeLoopbackPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteRecursively(root.resolve("logs")); // formatted for ports given up, if this is not the first try
        config = new KafkaConfig(settings(), false);
        format();
        return tryStartup();
    }

    /**
     * Starts the server once; returns why that failed (the server stopped again), or null. Startup is where the
     * ports are bound, and every failure there counts as a port taken: a controller that cannot bind reports it
     * only through the halt refused above, without the cause.
     */
    private RuntimeException tryStartup() {
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return null;
        } catch (RuntimeException e) {
            stop();
            return e;
        }
    }

    /** Shuts the broker down cleanly and waits until it has. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public void close() {
        stop();
        deleteRecursively(root);
    }

    private Map<String, String> settings() {
        String broker = "PLAINTEXT://127.0.0.1:" + brokerPort;
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
                Map.entry("listeners", broker + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", broker),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", root.resolve("logs").toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                // one offsets partition: the group coordinator loads at once instead of 50 shards
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"));
    }

    /** What {@code kafka-storage.sh format} does: writes meta.properties and the bootstrap metadata. */
    private void format() {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(config.logDirs())
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format " + root, e);
        }
    }

    /** Ready means a client can see this broker in the cluster: it is registered and unfenced. */
    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
            while (admin.describeCluster().nodes().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker on " + bootstrap() + " did not become ready");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker on " + bootstrap() + " did not become ready", e);
        }
    }

    private static void refuseToEndTheJvm(int status, String message) {
        throw new IllegalStateException("Kafka wanted to end the JVM with status " + status + ": " + message);
    }

    /** A pause between bind attempts, so whatever holds a port can let go; nothing else waits on it. */
    private static void backOff() {
        try {
            Thread.sleep(RESTART_BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting Kafka", e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
