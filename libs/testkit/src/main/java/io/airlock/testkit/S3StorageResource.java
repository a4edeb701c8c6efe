package io.airlock.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: a real S3 API server for the service under test, which is configured to use it
 * ({@code airlock.storage.backend=s3}). Tests that need to reach the server (to stop it, say) get it through
 * {@link #server()}.
 */
public class S3StorageResource implements QuarkusTestResourceLifecycleManager {
    private static volatile S3ProxyServer current;

    @Override
    public Map<String, String> start() {
        S3ProxyServer server = S3ProxyServer.onDisk().start();
        current = server;
        return Map.of(
                "airlock.storage.backend",
                "s3",
                "airlock.storage.s3.endpoint",
                server.endpoint(),
                "airlock.storage.s3.access-key",
                S3ProxyServer.ACCESS_KEY,
                "airlock.storage.s3.secret-key",
                S3ProxyServer.SECRET_KEY,
                "airlock.storage.s3.bucket",
                "airlock-test");
    }

    @Override
    public void stop() {
        if (current != null) {
            current.stop();
        }
    }

    /** The server started for the running test class. */
    public static S3ProxyServer server() {
        return current;
    }
}
