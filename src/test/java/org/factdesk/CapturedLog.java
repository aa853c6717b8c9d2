package org.factdesk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** What one logger of the service under test writes at a level or above, while the capture is open. */
public final class CapturedLog implements AutoCloseable {

    public record Line(Level level, String message) {
    }

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler;

    private CapturedLog(Class<?> source, Level threshold) {
        this.logger = Logger.getLogger(source.getName());
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= threshold.intValue()) {
                    lines.add(new Line(r.getLevel(), r instanceof ExtLogRecord e ? e.getFormattedMessage()
                            : r.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
    }

    /** Errors (JBoss ERROR and JUL SEVERE) of the logger named after this class. */
    public static CapturedLog errorsOf(Class<?> source) {
        return new CapturedLog(source, Level.SEVERE);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
