package dev.sandboxagent.core.install;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal npm registry on localhost for tests: serves a packument and a tarball for each
 * published package version and answers 404 for everything else. Lets tests exercise real npm
 * registry installs and its E404/ETARGET errors without the internet.
 */
final class FakeNpmRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Map<String, byte[]>> packages = new ConcurrentHashMap<>();

    FakeNpmRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Publishes a tarball made by {@code npm pack} whose package.json has a bin of the same name. */
    void publish(String name, String version, byte[] tarball) {
        packages.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(version, tarball);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(1);
        try (exchange) {
            int dash = path.indexOf("/-/");
            if (dash > 0) {
                String name = path.substring(0, dash);
                String version = path.substring(path.lastIndexOf('-') + 1).replace(".tgz", "");
                byte[] tarball = packages.getOrDefault(name, Map.of()).get(version);
                reply(exchange, tarball == null ? 404 : 200, tarball == null ? notFound() : tarball);
                return;
            }
            Map<String, byte[]> versions = packages.get(path);
            reply(exchange, versions == null ? 404 : 200, versions == null ? notFound() : packument(path, versions));
        }
    }

    private byte[] packument(String name, Map<String, byte[]> versions) {
        var all = Json.createObjectBuilder();
        String latest = null;
        for (var entry : versions.entrySet()) {
            latest = entry.getKey();
            all.add(entry.getKey(), Json.createObjectBuilder()
                    .add("name", name)
                    .add("version", entry.getKey())
                    .add("bin", Json.createObjectBuilder().add(name, "cli.js"))
                    .add("dist", Json.createObjectBuilder()
                            .add("tarball", url() + name + "/-/" + name + "-" + entry.getKey() + ".tgz")
                            .add("shasum", sha1(entry.getValue()))));
        }
        return Json.createObjectBuilder()
                .add("name", name)
                .add("dist-tags", Json.createObjectBuilder().add("latest", latest))
                .add("versions", all)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] notFound() {
        return "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);
    }

    private static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type",
                body.length > 0 && body[0] == '{' ? "application/json" : "application/octet-stream");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
