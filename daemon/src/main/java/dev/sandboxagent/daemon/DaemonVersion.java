package dev.sandboxagent.daemon;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The daemon's version, written into a resource at build time. */
public final class DaemonVersion implements CommandLine.IVersionProvider {

    public static String get() {
        try (InputStream in = DaemonVersion.class.getResourceAsStream("/sandbox-daemon.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[]{"sandbox-daemon " + get()};
    }
}
