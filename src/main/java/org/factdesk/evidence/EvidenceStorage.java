package org.factdesk.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where the bytes of uploaded files live. {@link #store} runs inside the caller's transaction so that a failed upload
 * leaves no bytes behind; reads run outside any transaction and may be long (downloads).
 */
public interface EvidenceStorage {

    /** Bytes that were stored: the key to find them again, their length and SHA-256 (hex) computed while storing. */
    record Stored(String key, long size, String sha256) {
    }

    /** Copies the stream into storage, within the caller's transaction, hashing as it goes. */
    Stored store(InputStream bytes) throws IOException;

    /** Writes {@code length} bytes starting at {@code offset} of the stored bytes to {@code out}. */
    void read(String key, long offset, long length, OutputStream out) throws IOException;

    /** Recomputes the SHA-256 (hex) of the stored bytes. */
    String sha256(String key) throws IOException;
}
