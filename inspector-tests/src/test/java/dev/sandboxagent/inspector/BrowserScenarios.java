package dev.sandboxagent.inspector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One browser (Chromium, headless) on the inspector, against the real server and the mock agent,
 * for a class of ordered scenarios; a failed scenario leaves a screenshot of what the page showed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BrowserScenarios {

    InspectorHarness t;
    Browser b;

    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher onFailure = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (b != null) {
                b.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
                String sent = t.proxy.takeSent();
                System.out.println("sent through the relay, last part: " + sent.substring(Math.max(0, sent.length() - 3000)));
                System.out.println("page state at the failure: " + b.js("return [document.querySelector('[data-testid=toast]')"
                        + ".textContent, document.querySelector('.stream-state').textContent, "
                        + "JSON.stringify(performance.getEntriesByType('resource').slice(-8).map(e => [e.name, e.responseStatus, e.duration]))].join(' | ')"));
            }
        }
    };

    @BeforeAll
    void start() throws Exception {
        t = new InspectorHarness();
        b = t.browser;
    }

    @AfterAll
    void stop() throws Exception {
        if (t != null) {
            t.close();
        }
    }
}
