package mottak.testserver;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.jar.Manifest;

/**
 * Starts mongo-java-server (in-memory backend) on a fixed address for the mongoose adapter's tests.
 * It speaks MongoDB's wire protocol but is NOT MongoDB: no transactions, no $text, no durability.
 *
 * <p>Usage: {@code java -jar mongo-test-server.jar [--host 127.0.0.1] [--port 27117] [--mongo-version 4.0]}
 */
public final class Main {
    private Main() {}

    /** Marks buildInfo so that a client can tell this server from MongoDB without guessing. */
    static final class MarkedMemoryBackend extends MemoryBackend {
        private final String serverVersion;

        MarkedMemoryBackend(String serverVersion) {
            this.serverVersion = serverVersion;
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            Document result = super.handleCommand(channel, databaseName, command, query);
            if (result != null && "buildinfo".equalsIgnoreCase(command)) {
                result.put("mongoJavaServer", serverVersion);
                result.put("testServerNotice", "wire-compatible test server, NOT MongoDB");
            }
            return result;
        }
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 27117;
        String mongoVersion = "4.0";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> { host = require(args[i], value); i++; }
                case "--port" -> { port = Integer.parseInt(require(args[i], value)); i++; }
                case "--mongo-version" -> { mongoVersion = require(args[i], value); i++; }
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        String version = serverVersion();
        MemoryBackend backend = new MarkedMemoryBackend(version);
        backend.version(switch (mongoVersion) {
            case "3.6" -> ServerVersion.MONGO_3_6;
            case "4.0" -> ServerVersion.MONGO_4_0;
            case "5.0" -> ServerVersion.MONGO_5_0;
            default -> throw new IllegalArgumentException("--mongo-version must be 3.6, 4.0 or 5.0");
        });
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stopped.countDown();
        }));
        System.out.printf("mongo-java-server %s (wire-compatible test server, NOT MongoDB) listening on %s:%d, emulating MongoDB %s%n",
                version, host, port, mongoVersion);
        System.out.flush();
        stopped.await();
    }

    private static String require(String flag, String value) {
        if (value == null) throw new IllegalArgumentException(flag + " needs a value");
        return value;
    }

    /** The mongo-java-server version the shaded jar was built with (from its manifest). */
    private static String serverVersion() {
        try (InputStream in = Main.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in == null) return "unknown";
            String value = new Manifest(in).getMainAttributes().getValue("Mongo-Java-Server-Version");
            return value == null ? "unknown" : value;
        } catch (Exception e) {
            return "unknown";
        }
    }
}
