package ir.aifo.autoconfigure;

import ir.aifo.routing.TargetUnavailable;
import org.springframework.context.ApplicationEvent;

/**
 * Published when a route target (or a whole hub) starts a cool-down, so routes skip it, and when the
 * cool-down ends. An end is noticed by the first request or look at the router after it.
 *
 * @since 0.1.0
 */
public class AifoCoolDownEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient TargetUnavailable coolDown;

    private final boolean started;

    public AifoCoolDownEvent(Object source, TargetUnavailable coolDown, boolean started) {
        super(source);
        this.coolDown = coolDown;
        this.started = started;
    }

    /** The target or hub, why, and until when. */
    public TargetUnavailable getCoolDown() {
        return coolDown;
    }

    /** Whether the cool-down starts now; {@code false} when it has ended. */
    public boolean isStarted() {
        return started;
    }

    @Override
    public String toString() {
        return "AifoCoolDownEvent[" + (started ? "started " : "ended ") + coolDown + "]";
    }
}
