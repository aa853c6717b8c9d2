package org.factdesk.transparency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.factdesk.audit.AuditEvent;
import org.factdesk.audit.FeedFollower;

/**
 * Makes every audit event a leaf, in the feed's commit-safe order: the feed only hands out events of finished
 * transactions and never one that a still-running transaction could precede, so leaf order never has to change.
 * Appends to the audit log never wait for the tree: it is built behind them, one batch per feed transaction.
 */
@ApplicationScoped
public class TransparencyFollower implements FeedFollower {

    public static final String NAME = "transparency";

    @Inject
    TreeStore tree;
    @Inject
    TransparencyConfig config;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public Optional<Duration> pollInterval() {
        return Optional.of(config.followInterval());
    }

    @Override
    public void handle(List<AuditEvent> events) {
        tree.append(tree.size(), events.stream().map(e -> Map.entry(e.seq(), e.hash())).toList());
    }
}
