package org.factdesk.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a body into records as it streams by: at each line feed (a carriage return before it is dropped), and for CSV
 * only at line feeds outside quoted fields, since a quoted CSV field may hold line breaks. Each record knows the line
 * it starts on, so a report can point at it. A record longer than the limit is not kept: it comes back marked too
 * long, its bytes skipped, and the next record starts cleanly after it. A byte-order mark before the first record and
 * records with nothing in them (blank NDJSON lines, empty CSV lines) are skipped.
 */
final class RecordSplitter {

    /** One record: the line it starts on and its bytes without the line break ({@code null} when too long). */
    record Raw(long line, byte[] bytes) {
        boolean tooLong() {
            return bytes == null;
        }
    }

    private final InputStream in;
    private final boolean quoted;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int end;
    private boolean eof;
    private boolean started;
    private long line = 1;
    private byte[] record = new byte[1024];

    /** @param quoted CSV: line feeds inside double quotes belong to the record */
    RecordSplitter(InputStream in, boolean quoted, int maxBytes) {
        this.in = in;
        this.quoted = quoted;
        this.maxBytes = maxBytes;
    }

    /** The next record with something in it, or null at the end of the body. */
    Raw next() throws IOException {
        while (true) {
            long start = line;
            int size = 0;
            int csv = FIELD_START;
            boolean blank = true;
            boolean any = false;
            boolean broken = false;
            while (true) {
                if (pos == end && !fill()) {
                    break;
                }
                byte b = buffer[pos++];
                any = true;
                if (b == '\n') {
                    line++;
                    if (!quoted || csv != IN_QUOTES) {
                        broken = true;
                        break;
                    }
                } else if (quoted) {
                    csv = csvNext(csv, b);
                }
                if (blank && b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    blank = false;
                }
                if (size <= maxBytes) {
                    if (size == record.length) {
                        record = Arrays.copyOf(record, Math.min(record.length * 2, maxBytes + 1));
                    }
                    record[size] = b;
                }
                size++;
            }
            if (!any) {
                return null;
            }
            boolean first = !started;
            started = true;
            int from = 0;
            int length = Math.min(size, maxBytes + 1);
            if (first && length >= 3 && (record[0] & 0xFF) == 0xEF && (record[1] & 0xFF) == 0xBB
                    && (record[2] & 0xFF) == 0xBF) {
                from = 3;
                size -= 3;
                length -= 3;
                blank = isBlank(record, from, length);
            }
            if (length > 0 && size <= maxBytes && record[from + length - 1] == '\r') {
                length--;
                size--;
            }
            if (blank || size == 0) {
                if (!broken && eof) {
                    return null;
                }
                continue;
            }
            if (size > maxBytes) {
                return new Raw(start, null);
            }
            return new Raw(start, Arrays.copyOfRange(record, from, from + length));
        }
    }

    // A CSV field is quoted only when a quote opens it, as RFC 4180 and Commons CSV read it: a quote inside an
    // unquoted field is a plain character, and a doubled quote inside a quoted one is an escaped quote.
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int IN_QUOTES = 2;
    private static final int QUOTE_IN_QUOTES = 3;

    private static int csvNext(int state, byte b) {
        return switch (state) {
            case FIELD_START -> b == '"' ? IN_QUOTES : b == ',' ? FIELD_START : UNQUOTED;
            case UNQUOTED -> b == ',' ? FIELD_START : UNQUOTED;
            case IN_QUOTES -> b == '"' ? QUOTE_IN_QUOTES : IN_QUOTES;
            default -> b == '"' ? IN_QUOTES : b == ',' ? FIELD_START : UNQUOTED;
        };
    }

    private static boolean isBlank(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            // read() answers 0 only for a zero-length request, so anything but data is the end
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
