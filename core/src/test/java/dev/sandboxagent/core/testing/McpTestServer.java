package dev.sandboxagent.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny MCP server over stdio for adapter tests: a Node.js script (Node is there wherever the
 * agent CLIs are) that speaks newline-delimited JSON-RPC, offers one tool, {@value #TOOL}, and
 * answers its calls with {@value #RESULT} plus the server's working directory and the value of
 * the {@value #ENV_VAR} environment variable (so tests see that cwd and env reached it).
 */
public final class McpTestServer {

    public static final String TOOL = "sandbox_probe";
    public static final String DESCRIPTION = "Returns a fixed probe string from the sandbox test MCP server.";
    public static final String RESULT = "probe-result-42";
    public static final String ENV_VAR = "MCP_PROBE_MARKER";

    private static final String SCRIPT = """
            const readline = require('readline');
            const rl = readline.createInterface({ input: process.stdin });
            const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
            rl.on('line', (line) => {
              let msg;
              try { msg = JSON.parse(line); } catch (e) { return; }
              if (msg.id === undefined || msg.id === null) { return; }
              if (msg.method === 'initialize') {
                send({ jsonrpc: '2.0', id: msg.id, result: {
                  protocolVersion: (msg.params && msg.params.protocolVersion) || '2024-11-05',
                  capabilities: { tools: {} }, serverInfo: { name: 'sandbox-probe', version: '1.0.0' } } });
              } else if (msg.method === 'tools/list') {
                send({ jsonrpc: '2.0', id: msg.id, result: { tools: [{ name: '%s', description: '%s',
                  inputSchema: { type: 'object', properties: {} } }] } });
              } else if (msg.method === 'tools/call') {
                send({ jsonrpc: '2.0', id: msg.id, result: { content: [{ type: 'text',
                  text: '%s cwd=' + process.cwd() + ' marker=' + (process.env.%s || '') }] } });
              } else if (msg.method === 'ping') {
                send({ jsonrpc: '2.0', id: msg.id, result: {} });
              } else if (msg.method === 'resources/list') {
                send({ jsonrpc: '2.0', id: msg.id, result: { resources: [] } });
              } else if (msg.method === 'prompts/list') {
                send({ jsonrpc: '2.0', id: msg.id, result: { prompts: [] } });
              } else {
                send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'method not found: ' + msg.method } });
              }
            });
            """.formatted(TOOL, DESCRIPTION, RESULT, ENV_VAR);

    private McpTestServer() {
    }

    /** Writes the server script into {@code dir} and returns the command that runs it. */
    public static List<String> command(Path dir) {
        try {
            Path script = Files.createDirectories(dir).resolve("mcp-probe-server.js");
            Files.writeString(script, SCRIPT);
            return List.of("node", script.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
