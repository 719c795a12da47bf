package dev.sandboxagent.adapters.acp;

/** Gemini CLI through the Agent Client Protocol: the {@link AcpAgents#GEMINI} row. */
public final class GeminiAdapter extends AcpAdapter {

    public static final String ID = AcpAgents.GEMINI.id();

    public GeminiAdapter() {
        super(AcpAgents.GEMINI);
    }
}
