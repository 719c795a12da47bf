package dev.sandboxagent.inspector;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector in a real browser (Chromium, headless) against the real server and the mock
 * agent: connecting, sessions, turns, permissions, questions, rendering, another daemon, a screenshot
 * of each under target/screenshots/ (dropped streams, big sessions, files and ending a session:
 * {@link InspectorSessionsBrowserTest}).
 */
class InspectorBrowserTest extends BrowserScenarios {

    @Test
    @Order(1)
    void aWrongTokenGetsAClearMessageAndTheConnectForm() {
        b.open(t.ui + "?token=wrong-token");
        WebElement error = b.byTestId("connection-error");
        assertThat(error.getText()).contains("refused the token").contains("401");
        assertThat(b.byTestId("connect-token").getDomProperty("value")).isEqualTo("wrong-token");
        assertThat(b.driver.getCurrentUrl()).doesNotContain("wrong-token"); // not left in the address bar
        b.screenshot("01-wrong-token");

        // the form connects with the right token, and keeps it for the next visit
        WebElement token = b.byTestId("connect-token");
        token.clear();
        token.sendKeys(InspectorHarness.TOKEN);
        b.byTestId("connect-submit").click();
        b.byTestId("new-session");
        b.open(t.ui);
        b.byTestId("new-session");
    }

    @Test
    @Order(2)
    void openedWithATokenItListsTheAgents() {
        t.openConnected();
        b.byTestId("agents-tab").click();
        WebElement mock = b.byTestId("agent-row-mock");
        assertThat(mock.getText()).contains("mock").contains("installed");
        mock.findElement(By.cssSelector("summary")).click();
        b.waitFor(d -> mock.getText().contains("mock-1") ? true : null, "the mock's models");
        assertThat(mock.getText()).contains("build").contains("permissions");
        b.byTestId("agent-install-mock").click();
        b.waitFor(d -> b.byTestId("install-status-mock").getText().startsWith("installed in") ? true : null,
                "the install's outcome");
        b.screenshot("02-agents");
        // the first load: the page and its files, as transferred (no cache: a fresh profile, no-cache headers)
        b.open(t.ui + "?token=" + InspectorHarness.TOKEN);
        b.byTestId("new-session");
        long bytes = (Long) b.js("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".filter(e => new URL(e.name).pathname.startsWith('/ui/')).reduce((n, e) => n + e.transferSize, 0)");
        System.out.println("inspector: first load transferred " + bytes + " bytes");
        assertThat(bytes).isPositive().isLessThanOrEqualTo(400 * 1024);
    }

    @Test
    @Order(3)
    void createsAMockSessionFromTheForm() throws Exception {
        t.openConnected();
        Path dir = Files.createDirectories(t.dataDir.resolve("created"));
        b.byTestId("new-session").click();
        b.waitFor(d -> new Select(b.byTestId("session-agent")).getOptions().size() > 0 ? true : null, "agents in the form");
        new Select(b.byTestId("session-agent")).selectByValue("mock");
        new Select(b.byTestId("session-permission-mode")).selectByValue("default");
        b.byTestId("session-id").sendKeys("created");
        b.byTestId("session-directory").sendKeys(dir.toString());
        b.screenshot("03-create-form");
        b.byTestId("session-create").click();
        b.byTestId("session-row-created");
        b.waitFor(d -> b.js("return document.querySelector('.title-text').textContent").equals("created"), "the new session open");
        assertThat(t.mock.engine.getSession("created").directory()).isEqualTo(dir.toString());
        b.waitFor(d -> b.driver.findElements(By.cssSelector("[data-testid=notice][data-type=lifecycle]")).size() == 1,
                "session started notice");
    }

    @Test
    @Order(4)
    void aStreamedReplyShowsAsItArrivesAndEnterSends() {
        t.createSession("stream", null);
        t.openConnected();
        t.openSession("stream");
        // Shift+Enter is a new line, not a send
        WebElement input = b.byTestId("message-input");
        input.sendKeys("first", Keys.chord(Keys.SHIFT, Keys.ENTER), "second");
        assertThat(input.getDomProperty("value")).isEqualTo("first\nsecond");
        input.clear();
        t.send("stream alpha beta gamma delta");
        t.awaitItem("message", "user", "stream alpha beta gamma delta");
        t.awaitItem("message", "assistant", "alpha beta gamma delta");
        // a reply still arriving: the mock's 'hang' streams one delta, then waits
        t.send("hang");
        WebElement streaming = t.awaitItem("message", "assistant", "Working until interrupted");
        assertThat(streaming.getDomAttribute("data-status")).isEqualTo("in_progress");
        assertThat(streaming.findElements(By.cssSelector(".streaming"))).hasSize(1);
        b.screenshot("04-streaming");
        b.byTestId("interrupt").click();
        b.waitFor(d -> "idle".equals(b.byTestId("session-state").getText()) ? true : null, "the interrupted turn to end");
        b.waitFor(d -> d.findElements(By.cssSelector("[data-testid=notice][data-type=turn]")).size() == 1 ? true : null,
                "the turn marked as interrupted");
        assertThat(b.driver.findElements(By.cssSelector("[data-testid=event-row][data-type='item.delta']"))).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(5)
    void permissionOnceAlwaysAndRejectAndTheMockReallyWrites() throws Exception {
        Path dir = Files.createDirectories(t.dataDir.resolve("perm"));
        t.createSession("perm", dir.toString());
        t.openConnected();
        t.openSession("perm");
        t.send("permission");
        WebElement card = b.byTestId("permission-card");
        assertThat(card.getText()).contains("write_file").contains("Write notes.txt");
        b.waitFor(d -> "waiting".equals(t.rowState("perm")) ? true : null,
                "the session marked as waiting in the list");
        b.screenshot("05-permission");
        b.byTestId("permission-once").click();
        t.awaitItem("message", "assistant", "Permission granted once");
        assertThat(card.getText()).contains("Allowed once");
        assertThat(dir.resolve("notes.txt")).hasContent("hello");

        Files.delete(dir.resolve("notes.txt"));
        t.send("permission");
        b.byTestId("permission-reject").click();
        t.awaitItem("message", "assistant", "Permission rejected");
        assertThat(dir.resolve("notes.txt")).doesNotExist();

        t.send("permission");
        b.byTestId("permission-always").click();
        t.awaitItem("message", "assistant", "will not ask again");
        t.send("permission");
        b.waitFor(d -> t.items("message", "assistant").size() == 4 ? true : null, "the fourth reply, without asking");
        assertThat(b.driver.findElements(By.cssSelector("[data-testid=permission-card]"))).hasSize(3);
        assertThat(b.driver.findElements(By.cssSelector("[data-testid=permission-once]"))).isEmpty();
        // tool results sit under their call
        assertThat(b.driver.findElements(By.cssSelector("[data-kind=tool_call] .results [data-kind=tool_result]"))).hasSize(4);
        assertThat(dir.resolve("notes.txt")).hasContent("hello");
        b.screenshot("05-permission-answered");
    }

    @Test
    @Order(6)
    void questionsAreAnsweredOrRejected() {
        t.createSession("quiz", null);
        t.openConnected();
        t.openSession("quiz");
        t.send("question");
        WebElement card = b.byTestId("question-card");
        List<WebElement> options = b.driver.findElements(Browser.testId("question-option"));
        assertThat(options).extracting(WebElement::getText).containsExactly("red", "green", "blue");
        options.get(1).click();
        b.screenshot("06-question");
        b.byTestId("question-submit").click();
        t.awaitItem("message", "assistant", "You chose green.");
        assertThat(card.getText()).contains("Answered: green");

        t.send("question");
        b.waitFor(d -> b.driver.findElements(Browser.testId("question-reject")).size() == 1 ? true : null, "a second card");
        b.byTestId("question-reject").click();
        t.awaitItem("message", "assistant", "Question rejected");
        b.screenshot("06-question-answered");
    }

    @Test
    @Order(6)
    void severalQuestionsInOneCardAreAnsweredOneListEach() {
        t.createSession("quiz2", null);
        t.openConnected();
        t.openSession("quiz2");
        t.send("questions");
        WebElement card = b.byTestId("question-card");
        List<WebElement> parts = card.findElements(Browser.testId("question-part"));
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).getText()).contains("Colour", "Which colour should I use?");
        assertThat(parts.get(1).getText()).contains("Sizes", "Which sizes?", "choose any");
        List<WebElement> colours = parts.get(0).findElements(Browser.testId("question-option"));
        List<WebElement> sizes = parts.get(1).findElements(Browser.testId("question-option"));
        assertThat(colours).extracting(WebElement::getText).containsExactly("red", "green", "blue");
        assertThat(sizes).extracting(WebElement::getText).containsExactly("small", "large");
        colours.get(2).click();
        // a question left unanswered is refused in the card; nothing is sent
        b.byTestId("question-submit").click();
        b.waitFor(d -> card.findElement(By.cssSelector(".card-error")).getText().contains("answer every question")
                ? true : null, "the card's error");
        sizes.get(0).click();
        sizes.get(1).click(); // several may be chosen here
        b.screenshot("06-questions");
        b.byTestId("question-submit").click();
        t.awaitItem("message", "assistant", "You chose blue; small and large.");
        b.waitFor(d -> card.getText().contains("Answered:") ? true : null, "the card's outcome");
        assertThat(card.findElements(Browser.testId("question-text"))).isEmpty();
    }

    @Test
    @Order(7)
    void everyKindOfItemRenders() {
        t.createSession("kinds", null);
        t.openConnected();
        t.openSession("kinds");
        t.send("tool");
        WebElement call = t.awaitItem("tool_call", "assistant", "read_file");
        assertThat(call.getText()).contains("README.md");
        assertThat(call.findElement(By.cssSelector(".results [data-kind=tool_result]")).getText()).contains("mock file contents");
        t.send("reasoning");
        WebElement reasoning = t.awaitItem("message", "assistant", "Reasoning");
        WebElement details = reasoning.findElement(By.cssSelector("details.reasoning"));
        assertThat(details.getDomProperty("open")).isEqualTo("false"); // collapsed
        t.send("markdown");
        WebElement md = t.awaitItem("message", "assistant", "Mock report");
        assertThat(md.findElements(By.cssSelector("h3"))).hasSize(1);
        assertThat(md.findElements(By.cssSelector("li"))).hasSize(2);
        assertThat(md.findElement(By.cssSelector("pre.code")).getText()).contains("System.out.println");
        t.send("image");
        WebElement image = t.awaitItem("message", "assistant", "Here is an image");
        assertThat(image.findElement(By.cssSelector("figure.image figcaption")).getText()).isEqualTo("mock/image.png");
        t.send("status");
        t.awaitItem("status", "system", "mock status");
        t.send("error");
        WebElement error = b.waitFor(d -> d.findElements(By.cssSelector("[data-testid=notice][data-type=error]")).stream()
                .findFirst().orElse(null), "the error notice");
        assertThat(error.getText()).contains("the mock agent was asked to fail");
        t.send("unknown");
        t.awaitItem("unknown", "none", "JSON");
        b.waitFor(d -> d.findElements(By.cssSelector("[data-testid=notice][data-type=unparsed]")).size() == 1 ? true : null,
                "the unparsed notice");
        b.screenshot("07-kinds");
    }

    @Test
    @Order(8)
    void agentOutputCannotInjectMarkupOrScript() {
        t.createSession("xss", null);
        t.openConnected();
        t.openSession("xss");
        String payload = "text <img src=x onerror=\"window.__xss=1\"> <script>window.__xss=2</script>"
                + " [click](javascript:window.__xss=3) **bold <b>x</b>**";
        t.send(payload);
        WebElement reply = t.awaitItem("message", "assistant", "<script>window.__xss=2</script>");
        assertThat(reply.getText()).contains("<img src=x onerror=\"window.__xss=1\">");
        assertThat(reply.findElements(By.cssSelector("img, script, a, b"))).isEmpty();
        assertThat(b.driver.findElements(By.cssSelector(".conversation img, .conversation script"))).isEmpty();
        assertThat(b.js("return window.__xss === undefined")).isEqualTo(true);
        b.screenshot("08-xss");
    }

    @Test
    @Order(13)
    void worksOnAPhoneWideScreen() {
        try {
            b.size(390, 844);
            t.openConnected();
            b.driver.findElement(By.cssSelector(".tabs-mobile [data-view=sessions]")).click();
            t.openSession("perm");
            WebElement input = b.byTestId("message-input");
            long width = (Long) b.js("return document.documentElement.scrollWidth");
            assertThat(width).as("no horizontal scrolling").isLessThanOrEqualTo(390);
            assertThat(input.getRect().getWidth()).isLessThan(390);
            b.screenshot("13-phone");
        } finally {
            b.size(1280, 800);
        }
    }

    @Test
    @Order(14)
    void fileChangesShowAsDiffsAndLinksOnlyGoToTheWeb() {
        t.openConnected();
        // the renderers in the page itself: the mock has no file changes to show
        Object html = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.all([import('./parts.js'), import('./markdown.js')]).then(([parts, md]) => {"
                + "  const box = document.createElement('div'); box.id = 'probe'; document.body.append(box);"
                + "  box.append(parts.renderPart({type: 'file_ref', path: 'src/a.txt', action: 'patch',"
                + "    diff: '@@ -1 +1 @@\\n-old <b>line</b>\\n+new line'}, {}));"
                + "  box.append(md.renderMarkdown('[ok](https://example.com) [bad](javascript:alert(1)) snake_case_name _em_'));"
                + "  done(box.innerHTML); });");
        WebElement probe = b.driver.findElement(By.id("probe"));
        assertThat(probe.findElements(By.cssSelector(".diff-line.del"))).singleElement()
                .extracting(WebElement::getText).isEqualTo("-old <b>line</b>");
        assertThat(probe.findElements(By.cssSelector(".diff-line.add"))).hasSize(1);
        assertThat(probe.findElements(By.cssSelector(".diff-line.hunk"))).hasSize(1);
        assertThat(probe.findElements(By.cssSelector("a"))).singleElement().extracting(a -> a.getDomAttribute("href"))
                .isEqualTo("https://example.com");
        assertThat(probe.getText()).contains("[bad](javascript:alert(1))").contains("snake_case_name");
        assertThat(probe.findElements(By.cssSelector("em"))).singleElement().extracting(WebElement::getText).isEqualTo("em");
        assertThat((String) html).doesNotContain("<b>");
    }

    @Test
    @Order(15)
    void itCanBePointedAtAnotherDaemonThatAllowsItsOrigin() throws Exception {
        String origin = "http://127.0.0.1:" + t.proxy.port();
        Path otherData = Files.createTempDirectory("inspector-other-");
        var otherMock = new dev.sandboxagent.core.testing.MockEngine(otherData);
        var other = dev.sandboxagent.http.SandboxHttpServer.start(new dev.sandboxagent.http.SandboxHttpServer.Settings(
                "127.0.0.1", 0, "other-token", new dev.sandboxagent.http.CorsSettings(List.of(origin), List.of(), List.of(), false),
                "test", otherData, dev.sandboxagent.http.SandboxHttpServer.DEFAULT_FS_MAX_UPLOAD_BYTES),
                otherMock.engine, otherMock.agents);
        try {
            otherMock.create("elsewhere");
            String otherUrl = "http://127.0.0.1:" + other.port();
            b.open(t.ui + "?token=other-token&endpoint=" + otherUrl);
            b.byTestId("session-row-elsewhere");
            assertThat(b.driver.findElement(By.cssSelector(".conn-text")).getText()).isEqualTo(otherUrl);

            // a daemon that does not allow this origin: a clear message, not a blank page
            b.open(t.ui + "?token=" + InspectorHarness.TOKEN + "&endpoint=" + t.api);
            assertThat(b.byTestId("connection-error").getText()).contains("Cannot reach " + t.api).contains("--cors-allow-origin");
        } finally {
            otherMock.engine.shutdown();
            other.stop();
        }
    }

    @Test
    @Order(16)
    void theOverviewForTheReadme() {
        t.createSession("demo", null);
        t.openConnected();
        t.openSession("demo");
        t.send("markdown");
        t.awaitItem("message", "assistant", "Mock report");
        t.send("tool");
        t.awaitItem("message", "assistant", "I read README.md.");
        t.send("permission");
        b.byTestId("permission-card");
        b.waitFor(d -> "waiting".equals(t.rowState("demo")) ? true : null, "demo waiting in the list");
        b.driver.findElements(By.cssSelector("[data-testid=event-row][data-type='permission.requested']")).getFirst().click();
        b.screenshot("inspector");
        b.byTestId("permission-once").click();
        t.awaitItem("message", "assistant", "Permission granted once");
    }
}
