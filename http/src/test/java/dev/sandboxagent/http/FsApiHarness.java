package dev.sandboxagent.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daemon in this JVM with session "s" in {@code work}, and the calls of the /v1/fs routes, for
 * the fs API tests ({@link FsApiTest}: files and directories; {@link FsUploadApiTest}: tar uploads).
 */
abstract class FsApiHarness {

    @TempDir
    Path dir;
    TestServer t;
    Path work; // the directory of session "s"

    @BeforeEach
    void start() throws Exception {
        t = new TestServer(dir);
        work = Files.createDirectories(dir.resolve("work"));
        var created = t.post("/v1/sessions/s", "{\"agent\":\"mock\",\"directory\":\"" + work + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    HttpResponse<String> put(String query, byte[] body) {
        return t.send(t.request("/v1/fs/file?" + query).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> put(String query, String body) {
        return put(query, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> read(String query) throws Exception {
        return t.client.send(t.request("/v1/fs/file?" + query).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> upload(String query, byte[] tar) {
        return t.send(t.request("/v1/fs/upload-batch?" + query).header("Content-Type", "application/x-tar")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tar)).build());
    }

    HttpResponse<String> post(String pathAndQuery) {
        return t.send(t.request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}
