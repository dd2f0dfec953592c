package ir.aifo.autoconfigure;

import ir.aifo.routing.RouteListener;
import ir.aifo.routing.TargetUnavailable;
import org.springframework.context.ApplicationEventPublisher;

/** Turns the router's cool-downs into {@link AifoCoolDownEvent}s. */
final class CoolDownEventPublisher implements RouteListener {

    private final ApplicationEventPublisher publisher;

    CoolDownEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void coolDownStarted(TargetUnavailable coolDown) {
        publisher.publishEvent(new AifoCoolDownEvent(this, coolDown, true));
    }

    @Override
    public void coolDownEnded(TargetUnavailable coolDown) {
        publisher.publishEvent(new AifoCoolDownEvent(this, coolDown, false));
    }
}
