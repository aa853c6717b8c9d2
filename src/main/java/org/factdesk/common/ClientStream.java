package org.factdesk.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body whose read failures are marked as the client's ({@link Failure}: the body broke off, a 400), so
 * that code copying it somewhere tells them apart from failures of where it writes (storage, a spool file: a 503).
 */
public final class ClientStream extends FilterInputStream {

    /** The client's stream failed or ended early. */
    public static final class Failure extends IOException {
        Failure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    public ClientStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw new Failure(e);
        }
    }
}
