package org.factdesk.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The service's notion of now, at PostgreSQL's microsecond precision so stored and hashed times agree. */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
