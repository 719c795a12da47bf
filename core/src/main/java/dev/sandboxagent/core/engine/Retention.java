package dev.sandboxagent.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How long ended sessions are kept ({@code --max-session-age}) and how much their stored logs may
 * take together ({@code --max-disk}). {@link SessionEngine#prune} applies it: the oldest ended
 * sessions go first; a running session is never pruned (it counts towards the total, though).
 *
 * @param maxAge   an ended session whose last event is older than this is deleted; null: no limit
 * @param maxBytes while all sessions' stored logs take more than this, the ended session with the
 *                 oldest last event is deleted; 0: no limit
 */
public record Retention(Duration maxAge, long maxBytes) {

    /** Keeps every session until it is deleted. */
    public static final Retention NONE = new Retention(null, 0);

    public Retention {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("the maximum session age must be positive");
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the maximum disk use must be >= 0 bytes");
        }
    }

    public boolean keepsEverything() {
        return maxAge == null && maxBytes == 0;
    }

    /**
     * A session as retention sees it.
     *
     * @param lastEventMillis when its last event was logged (epoch milliseconds)
     * @param bytes           what its stored log takes
     */
    record Candidate(String id, boolean ended, long lastEventMillis, long bytes) {
    }

    /** The ids of the sessions to delete, oldest first. */
    List<String> select(List<Candidate> sessions, long nowMillis) {
        List<Candidate> ended = sessions.stream().filter(Candidate::ended)
                .sorted(Comparator.comparingLong(Candidate::lastEventMillis).thenComparing(Candidate::id)).toList();
        long total = sessions.stream().mapToLong(Candidate::bytes).sum();
        List<String> out = new ArrayList<>();
        for (Candidate c : ended) {
            boolean tooOld = maxAge != null && nowMillis - c.lastEventMillis() > maxAge.toMillis();
            boolean overDisk = maxBytes > 0 && total > maxBytes;
            if (!tooOld && !overDisk) {
                break; // the rest are younger, and the total fits
            }
            out.add(c.id());
            total -= c.bytes();
        }
        return out;
    }
}
