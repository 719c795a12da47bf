package dev.sandboxagent.adapters.acp;

/** Qwen Code through the Agent Client Protocol: the {@link AcpAgents#QWEN} row. */
public final class QwenAdapter extends AcpAdapter {

    public static final String ID = AcpAgents.QWEN.id();

    public QwenAdapter() {
        super(AcpAgents.QWEN);
    }
}
