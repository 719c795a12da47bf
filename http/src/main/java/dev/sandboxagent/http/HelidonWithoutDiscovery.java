package dev.sandboxagent.http;

import io.helidon.common.mapper.DefaultMapperProvider__ServiceDescriptor;
import io.helidon.common.mapper.DefaultResolverService__ServiceDescriptor;
import io.helidon.common.mapper.MappersFactory__ServiceDescriptor;
import io.helidon.service.registry.GlobalServiceRegistry;
import io.helidon.service.registry.ServiceRegistryConfig;
import io.helidon.service.registry.ServiceRegistryManager;

/**
 * Spares Helidon its classpath discovery at start-up, about half of the daemon's start before
 * this (issue #15). Left alone, the first {@code HttpRouting.builder()} builds Helidon's global
 * service registry by reading {@code META-INF/helidon} metadata and {@code ServiceLoader} files
 * from every jar, parsing them and initialising each descriptor it finds; and the web server
 * looks through every jar for {@code serial-config.properties}. The daemon's web server uses
 * only the registry's mappers (query and path parameters, {@code Parameters.empty()}), so the
 * registry is made from those descriptors alone, without discovery; and the serialization
 * filter is made from system properties only (ours ship no such file, so the filter is the
 * same: reject all). Helidon's build-time binding (its service Maven plugin) would do the same
 * for declarative applications; this server is imperative, so the short list is written here.
 */
final class HelidonWithoutDiscovery {

    private HelidonWithoutDiscovery() {
    }

    /** Sets up both, unless the JVM already has a global registry (an embedder's own Helidon). */
    static void prepare() {
        if (System.getProperty("helidon.serialFilter.ignoreFiles") == null) {
            System.setProperty("helidon.serialFilter.ignoreFiles", "true");
        }
        if (GlobalServiceRegistry.configured()) {
            return;
        }
        ServiceRegistryConfig config = ServiceRegistryConfig.builder()
                .discoverServices(false)
                .discoverServicesFromServiceLoader(false)
                .addServiceDescriptor(DefaultMapperProvider__ServiceDescriptor.INSTANCE)
                .addServiceDescriptor(DefaultResolverService__ServiceDescriptor.INSTANCE)
                .addServiceDescriptor(MappersFactory__ServiceDescriptor.INSTANCE)
                .build();
        GlobalServiceRegistry.registry(ServiceRegistryManager.create(config).registry());
    }
}
