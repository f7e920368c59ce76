package dev.wedge.config;

/**
 * Where the admin API listens and the bearer token it requires.
 *
 * @param port 0 picks a free port
 * @param token null to have the node make one at start (it prints it)
 */
public record AdminConfig(String host, int port, String token) {

    public static final int DEFAULT_PORT = 8081;

    public static AdminConfig defaults() {
        return new AdminConfig("127.0.0.1", DEFAULT_PORT, null);
    }
}
