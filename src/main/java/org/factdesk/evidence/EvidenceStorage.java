package org.factdesk.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where the bytes of uploaded files live. An upload is copied in with {@link #stage} outside any transaction (a slow
 * client holds no database connection), made permanent by {@link #commit} inside the transaction that writes the
 * evidence row, and {@link #release}d afterwards, whether that transaction committed or not. Staged bytes that are
 * never committed (a crash) are removed by the periodic sweep. Reads run outside any transaction and may be long.
 */
public interface EvidenceStorage {

    /** Bytes that were stored: the key to find them again, their length and SHA-256 (hex) computed while storing. */
    record Stored(String key, long size, String sha256) {
    }

    /** Bytes copied in but not yet evidence: their length and SHA-256 (hex), computed while copying. */
    interface Staged {
        long size();

        String sha256();
    }

    /** Copies the stream into storage, hashing as it goes; on failure nothing of it stays behind. */
    Staged stage(InputStream bytes) throws IOException;

    /** Within the evidence row's transaction: makes staged bytes permanent and returns the key to record. */
    Stored commit(Staged staged) throws IOException;

    /** After that transaction, committed or rolled back: frees what staging held that no row needs. */
    void release(Staged staged);

    /** Whether a recorded key names bytes kept by this storage. */
    boolean holds(String key);

    /** Writes {@code length} bytes starting at {@code offset} of the stored bytes to {@code out}. */
    void read(String key, long offset, long length, OutputStream out) throws IOException;

    /** Recomputes the SHA-256 (hex) of the stored bytes; {@link java.nio.file.NoSuchFileException} when they are gone. */
    String sha256(String key) throws IOException;
}
