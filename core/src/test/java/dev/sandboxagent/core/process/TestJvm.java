package dev.sandboxagent.core.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds command lines that run a test helper {@code main} class in a fresh JVM: the same java
 * binary as the running tests, with the test classpath. Lets tests use real child processes
 * written in Java instead of mocks.
 */
public final class TestJvm {

    private TestJvm() {
    }

    public static List<String> command(Class<?> mainClass, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java,
                "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                mainClass.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
