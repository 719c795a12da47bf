package dev.sandboxagent.inspector;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector in a real browser on sessions under strain: a dropped event stream, ten thousand
 * events, the files pane, and ending (and continuing) a session ({@link InspectorBrowserTest} has the rest).
 */
class InspectorSessionsBrowserTest extends BrowserScenarios {

    @Test
    @Order(9)
    void aDroppedStreamCatchesUpWithoutDuplicates() {
        t.createSession("drop", null);
        t.openConnected();
        t.openSession("drop");
        t.send("question");
        b.byTestId("question-card");
        t.proxy.takeSent();
        t.proxy.dropAll(); // mid-turn: the turn waits for the answer
        String questionId = b.byTestId("question-card").getDomAttribute("data-question-id");
        var answered = t.call("POST", "/v1/sessions/drop/questions/" + questionId + "/reply", "{\"answers\":[[\"blue\"]]}");
        assertThat(answered.statusCode()).isEqualTo(204);
        t.post("drop", "stream after the drop");
        t.awaitItem("message", "assistant", "after the drop");
        t.awaitItem("message", "assistant", "You chose blue.");
        String sent = t.proxy.takeSent();
        assertThat(sent).contains("GET /v1/sessions/drop/events/sse").containsIgnoringCase("Last-Event-ID: ");
        // each item once, each event once
        List<String> ids = b.driver.findElements(Browser.testId("item")).stream().map(e -> e.getDomAttribute("data-item-id")).toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(t.items("message", "assistant")).hasSize(2);
        b.waitFor(d -> b.js("return document.querySelector('.ev-count').textContent")
                .equals(t.eventCount("drop") + " events") ? true : null, "the events pane to have every event once");
        List<Long> seqs = b.driver.findElements(Browser.testId("event-row")).stream()
                .map(e -> Long.parseLong(e.getDomAttribute("data-sequence"))).toList();
        assertThat(seqs).doesNotHaveDuplicates().isSorted();
        assertThat(seqs.getLast()).isEqualTo(t.eventCount("drop"));
        b.screenshot("09-reconnected");
    }

    @Test
    @Order(10)
    void aSessionOfTenThousandEventsOpensWithinBudget() {
        t.createSession("big", null);
        t.post("big", "burst 10000");
        t.mock.readUntil("big", 0, e -> e.type().wire().equals("turn.ended"));
        long events = t.eventCount("big");
        assertThat(events).isGreaterThan(10_000);
        t.openConnected();
        b.byTestId("session-row-big");
        long start = System.nanoTime();
        t.openSession("big");
        b.waitFor(d -> b.js("return document.querySelector('.ev-count').textContent").equals(events + " events")
                && t.items("message", "assistant").size() == 1 ? true : null, "all events rendered", Duration.ofSeconds(10));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("inspector: " + events + " events rendered in " + ms + " ms");
        assertThat(ms).as("time to render %d events", events).isLessThan(2000);
        assertThat(b.driver.findElements(Browser.testId("event-row")).size()).isLessThan(200); // virtualised
        b.js("const l = document.querySelector('.ev-list'); l.scrollTop = l.scrollHeight / 2;");
        b.waitFor(d -> !d.findElements(By.cssSelector("[data-testid=event-row][data-sequence='5000']")).isEmpty() ? true : null,
                "the middle rows after scrolling");
        b.screenshot("10-ten-thousand-events");
    }

    @Test
    @Order(11)
    void filesAreListedUploadedAndTheEventsPaneFilters() throws Exception {
        Path dir = Files.createDirectories(t.dataDir.resolve("files"));
        Files.writeString(dir.resolve("readme.txt"), "hi");
        t.createSession("files", dir.toString());
        t.openConnected();
        t.openSession("files");
        t.send("text hello");
        t.awaitItem("message", "assistant", "hello");
        new Select(b.byTestId("events-filter")).selectByValue("item.completed");
        b.waitFor(d -> d.findElements(Browser.testId("event-row")).stream()
                .allMatch(r -> "item.completed".equals(r.getDomAttribute("data-type"))) ? true : null, "filtered rows");
        b.driver.findElements(Browser.testId("event-row")).getFirst().click();
        assertThat(b.driver.findElement(By.cssSelector(".ev-detail pre")).getText()).contains("\"type\": \"item.completed\"");
        b.byTestId("include-raw").click();
        b.waitFor(d -> b.driver.findElement(By.cssSelector(".ev-count")).getText().equals(t.eventCount("files") + " events")
                ? true : null, "the events again, with raw payloads");
        b.driver.findElements(Browser.testId("event-row")).getLast().click();
        b.waitFor(d -> b.driver.findElement(By.cssSelector(".ev-detail pre")).getText().contains("\"raw\"") ? true : null,
                "raw payloads with include_raw");

        b.byTestId("files-tab").click();
        b.waitFor(d -> d.findElements(By.cssSelector("[data-testid=file-row][data-name='readme.txt']")).size() == 1 ? true : null,
                "the session's files");
        Path upload = Files.writeString(t.dataDir.resolve("upload.txt"), "uploaded by the browser");
        b.driver.findElement(Browser.testId("upload-files")).sendKeys(upload.toString());
        b.waitFor(d -> Files.exists(dir.resolve("upload.txt")) ? true : null, "the upload on disk");
        assertThat(dir.resolve("upload.txt")).hasContent("uploaded by the browser");
        b.waitFor(d -> d.findElements(By.cssSelector("[data-testid=file-row][data-name='upload.txt']")).size() == 1 ? true : null,
                "the uploaded file listed");

        Path src = Files.createDirectories(t.dataDir.resolve("tar-src/sub"));
        Files.writeString(src.resolve("inner.txt"), "from the tar");
        Path tar = t.dataDir.resolve("upload.tar");
        Process p = new ProcessBuilder("tar", "-cf", tar.toString(), "-C", src.getParent().toString(), "sub").start();
        assertThat(p.waitFor()).isZero();
        b.driver.findElement(Browser.testId("upload-tar")).sendKeys(tar.toString());
        b.waitFor(d -> Files.exists(dir.resolve("sub/inner.txt")) ? true : null, "the tar extracted in the session's directory");
        assertThat(b.byTestId("upload-status").getText()).isEqualTo("extracted 1 file from upload.tar");
        b.driver.findElement(By.cssSelector("[data-testid=file-row][data-name='sub'] a")).click();
        b.waitFor(d -> d.findElements(By.cssSelector("[data-testid=file-row][data-name='inner.txt']")).size() == 1 ? true : null,
                "browsing into the directory");
        assertThat(b.byTestId("files-path").getText()).isEqualTo("session directory / sub");
        b.screenshot("11-files");
        b.driver.findElement(By.cssSelector("[data-testid=file-row][data-name='inner.txt'] [data-testid=file-download]")).click();
        Path downloaded = b.downloads.resolve("inner.txt");
        b.waitFor(d -> Files.exists(downloaded) ? true : null, "the download");
        assertThat(downloaded).hasContent("from the tar");
    }

    @Test
    @Order(12)
    void terminateEndsTheSessionAndDeleteRemovesIt() {
        t.createSession("ending", null);
        t.openConnected();
        t.openSession("ending");
        b.byTestId("terminate").click();
        WebElement ended = b.waitFor(d -> d.findElements(By.cssSelector("[data-testid=notice][data-type=ended]")).stream()
                .findFirst().orElse(null), "the session end");
        assertThat(ended.getText()).contains("Session ended: terminated").contains("daemon");
        b.waitFor(d -> "ended".equals(t.rowState("ending")) ? true : null,
                "ended in the list");
        b.waitFor(d -> "ended".equals(b.js("return document.querySelector('.stream-state').dataset.state")) ? true : null,
                "the stream showing the end while it stays open");
        b.screenshot("12-ended");
        // a message continues the ended session; its events come on the stream that stayed open
        t.send("text continued after the end");
        t.awaitItem("message", "assistant", "continued after the end");
        b.waitFor(d -> "live".equals(b.js("return document.querySelector('.stream-state').dataset.state")) ? true : null,
                "the stream live again");
        b.byTestId("delete").click();
        b.byTestId("delete").click();
        b.waitFor(d -> d.findElements(Browser.testId("session-row-ending")).isEmpty() ? true : null, "the row gone");
        assertThat(t.call("GET", "/v1/sessions/ending", null).statusCode()).isEqualTo(404);
    }
}
