package dev.wedge.queue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) inside the test JVM, on loopback only.
 * {@link #stop()} and {@link #start()} keep ports and log directories, so a restarted broker has its data.
 */
public final class KafkaFixture implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final long READY_TIMEOUT_SECONDS = 60;

    private final Path root;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaConfig config;
    private KafkaRaftServer server;

    /** Formats fresh log directories and starts the broker; returns once it serves clients. */
    public KafkaFixture() {
        try {
            root = Files.createTempDirectory("wedge-kafka");
            brokerPort = freeLoopbackPort();
            controllerPort = freeLoopbackPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = new KafkaConfig(settings(), false);
        try {
            format();
            start();
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
        server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
            awaitReady();
        } catch (RuntimeException e) {
            stop();
            throw e;
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
