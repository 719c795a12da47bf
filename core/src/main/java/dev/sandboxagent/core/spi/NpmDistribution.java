package dev.sandboxagent.core.spi;

import java.util.Objects;

/**
 * How an agent CLI is distributed: its npm package, the binary that package installs, and the
 * version the adapter was proven against (installed unless the session asks for another).
 */
public record NpmDistribution(String npmPackage, String binName, String defaultVersion) {
    public NpmDistribution {
        Objects.requireNonNull(npmPackage, "npmPackage");
        Objects.requireNonNull(binName, "binName");
        Objects.requireNonNull(defaultVersion, "defaultVersion");
    }
}
