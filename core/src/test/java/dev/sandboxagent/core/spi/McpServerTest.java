package dev.sandboxagent.core.spi;

import dev.sandboxagent.core.error.SandboxException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class McpServerTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s.replace('\'', '"'))).readObject();
    }

    @Test
    void localAndRemoteServers() {
        List<McpServer> servers = McpServer.parse(json("""
                {'files': {'type':'local','command':['node','server.js'],'args':['--root','/w'],'env':{'A':'1'},
                           'cwd':'/w','timeoutMs':5000},
                 'one': {'type':'local','command':'mcp-one','enabled':false},
                 'web': {'type':'remote','url':'https://mcp.example/mcp','transport':'sse','headers':{'X-A':'a'},
                         'envHeaders':{'X-B':'VAR_B'},'bearerTokenEnvVar':'TOKEN','oauth':false}}"""));
        assertThat(servers).hasSize(3);
        McpServer.Local files = (McpServer.Local) servers.get(0);
        assertThat(files.name()).isEqualTo("files");
        assertThat(files.argv()).containsExactly("node", "server.js", "--root", "/w");
        assertThat(files.env()).isEqualTo(Map.of("A", "1"));
        assertThat(files.cwd()).isEqualTo("/w");
        assertThat(files.timeoutMs()).isEqualTo(5000L);
        assertThat(files.enabled()).isTrue();
        McpServer.Local one = (McpServer.Local) servers.get(1);
        assertThat(one.argv()).containsExactly("mcp-one");
        assertThat(one.enabled()).isFalse();
        McpServer.Remote web = (McpServer.Remote) servers.get(2);
        assertThat(web.url()).isEqualTo("https://mcp.example/mcp");
        assertThat(web.transport()).isEqualTo("sse");
        assertThat(web.headers()).isEqualTo(Map.of("X-A", "a"));
        assertThat(web.envHeaders()).isEqualTo(Map.of("X-B", "VAR_B"));
        assertThat(web.bearerTokenEnvVar()).isEqualTo("TOKEN");
        assertThat(web.oauth()).isEqualTo(JsonValue.FALSE);
        assertThat(web.wantsOauth()).isFalse();
        assertThat(((McpServer.Remote) McpServer.parse(json("{'r':{'type':'remote','url':'u','oauth':{'clientId':'c'}}}"))
                .getFirst()).wantsOauth()).isTrue();
        assertThat(McpServer.parse(null)).isEmpty();
    }

    @Test
    void malformedConfigIsRefusedNamingTheField() {
        String[][] cases = {
                {"{'a':1}", "mcp['a'] must be an object"},
                {"{'a':{'type':'stdio','command':'x'}}", ".type"},
                {"{'a':{'type':'local'}}", ".command"},
                {"{'a':{'type':'local','command':[]}}", ".command"},
                {"{'a':{'type':'local','command':[1]}}", ".command"},
                {"{'a':{'type':'local','command':'x','args':'y'}}", ".args"},
                {"{'a':{'type':'local','command':'x','env':{'A':1}}}", ".env"},
                {"{'a':{'type':'local','command':'x','enabled':'yes'}}", ".enabled"},
                {"{'a':{'type':'local','command':'x','timeoutMs':-1}}", ".timeoutMs"},
                {"{'a':{'type':'local','command':'x','timeoutMs':1.5}}", ".timeoutMs"},
                {"{'a':{'type':'local','command':'x','cwd':3}}", ".cwd"},
                {"{'a':{'type':'remote'}}", ".url"},
                {"{'a':{'type':'remote','url':'u','transport':'ws'}}", ".transport"},
                {"{'a':{'type':'remote','url':'u','oauth':'x'}}", ".oauth"},
                {"{'a':{'type':'remote','url':'u','headers':[]}}", ".headers"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> McpServer.parse(json(c[0]))).as(c[0]).isInstanceOf(SandboxException.class)
                    .hasMessageContaining(c[1]);
        }
    }
}
