package dev.sandboxagent.inspector;

import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.http.CorsSettings;
import dev.sandboxagent.http.SandboxHttpServer;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the browser tests share: the real HTTP server with the mock agent on an ephemeral port,
 * a relay in front of it that can drop connections, one browser, and small helpers to drive
 * the page by its data-testid attributes.
 */
final class InspectorHarness implements AutoCloseable {

    static final String TOKEN = "inspector-test-token";

    final Path dataDir;
    final MockEngine mock;
    final SandboxHttpServer server;
    final DroppingProxy proxy;
    final Browser browser;
    final HttpClient http = HttpClient.newHttpClient();
    final String api;
    final String ui;

    InspectorHarness() throws IOException {
        dataDir = Files.createTempDirectory("inspector-data-");
        Files.createDirectories(dataDir.resolve("home"));
        mock = new MockEngine(dataDir);
        server = SandboxHttpServer.start(new SandboxHttpServer.Settings("127.0.0.1", 0, TOKEN, CorsSettings.none(),
                "test", dataDir.resolve("home"), SandboxHttpServer.DEFAULT_FS_MAX_UPLOAD_BYTES), mock.engine, mock.agents);
        api = "http://127.0.0.1:" + server.port();
        proxy = new DroppingProxy(server.port());
        // the page is loaded through the relay, so its API calls and its SSE go through it too
        ui = "http://127.0.0.1:" + proxy.port() + "/ui/";
        browser = new Browser();
    }

    /** Opens the inspector connected with the test token. */
    void openConnected() {
        browser.open(ui + "?token=" + TOKEN);
        browser.waitFor(d -> d.findElements(org.openqa.selenium.By.cssSelector(
                "[data-testid=connection-status][data-state=ok]")).size() == 1 ? true : null, "connected");
    }

    void openSession(String id) {
        browser.waitFor(d -> {
            try {
                browser.byTestId("session-row-" + id).click();
                return true;
            } catch (StaleElementReferenceException e) {
                return null; // the list was redrawn under us: try again
            }
        }, "clicking session row " + id);
        browser.waitFor(d -> browser.js("return document.querySelector('.title-text').textContent").equals(id),
                "session " + id + " open");
    }

    /** The state the sessions list shows for a session (read in one go: the list is redrawn as it polls). */
    String rowState(String id) {
        return (String) browser.js("const r = document.querySelector('[data-testid=\"session-row-' + arguments[0] + '\"]');"
                + " return r ? r.dataset.state : null;", id);
    }

    void send(String message) {
        WebElement input = browser.byTestId("message-input");
        input.sendKeys(message, Keys.ENTER);
        browser.waitFor(d -> "".equals(input.getDomProperty("value")), "the message to be sent");
    }

    /** Rendered items, as data-kind/data-role pairs with their text. */
    List<WebElement> items(String kind, String role) {
        return browser.driver.findElements(org.openqa.selenium.By.cssSelector(
                "[data-testid=item][data-kind=\"" + kind + "\"]" + (role == null ? "" : "[data-role=\"" + role + "\"]")));
    }

    /** Waits until an item of that kind and role contains the text; returns it. */
    WebElement awaitItem(String kind, String role, String text) {
        return browser.waitFor(d -> items(kind, role).stream().filter(e -> e.getText().contains(text)).findFirst().orElse(null),
                kind + "/" + role + " item with '" + text + "'");
    }

    // --- the API, straight to the server -----------------------------------------------------

    HttpResponse<String> call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN);
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void createSession(String id, String directory) {
        String body = directory == null ? "{\"agent\":\"mock\"}"
                : "{\"agent\":\"mock\",\"directory\":\"" + directory + "\"}";
        var res = call("POST", "/v1/sessions/" + id, body);
        if (res.statusCode() != 200) {
            throw new AssertionError("create " + id + ": " + res.statusCode() + " " + res.body());
        }
    }

    void post(String id, String message) {
        var res = call("POST", "/v1/sessions/" + id + "/messages", "{\"message\":\"" + message + "\"}");
        if (res.statusCode() != 204) {
            throw new AssertionError("message to " + id + ": " + res.statusCode() + " " + res.body());
        }
    }

    long eventCount(String id) {
        return mock.engine.getSession(id).eventCount();
    }

    @Override
    public void close() throws IOException {
        browser.close();
        proxy.close();
        mock.engine.shutdown();
        server.stop();
    }
}
