package org.factdesk.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.factdesk.TestApi.Actor;

import io.restassured.response.Response;

/** Test files, multipart bodies written by hand, and row counts of the evidence tables. */
final class EvidenceFixtures {

    static final Path UPLOADS = Path.of("target/test-uploads");
    static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D',
            'R' };
    private static final Random RANDOM = new Random();

    private EvidenceFixtures() {
    }

    /** A PNG-looking file (magic bytes, then random bytes) of the given size. */
    static byte[] png(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        System.arraycopy(PNG_MAGIC, 0, b, 0, PNG_MAGIC.length);
        return b;
    }

    /** Unique plain text of about the given size. */
    static byte[] text(int size) {
        StringBuilder sb = new StringBuilder(size + 100);
        sb.append("evidence ").append(System.nanoTime()).append(' ').append(RANDOM.nextLong()).append('\n');
        while (sb.length() < size) {
            sb.append("The ministry said on 5 April that it had no plans to expel him. ");
        }
        sb.setLength(size);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Response upload(Actor actor, long claimId, byte[] content, String fileName) {
        return actor.spec().contentType("multipart/form-data")
                .multiPart("file", fileName, content, "application/octet-stream")
                .multiPart("stance", "SUPPORTS").multiPart("note", "found it")
                .post("/api/v1/claims/" + claimId + "/evidence");
    }

    /** A multipart body with a hand-written Content-Disposition for the file part. */
    static byte[] rawMultipart(String boundary, String fileDisposition, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"stance\"\r\n\r\nCONTEXT\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + fileDisposition
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Rows in the evidence tables and the audit log. */
    static Map<String, Long> counts(DataSource ds) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] { "evidence", "evidence_blob", "evidence_blob_chunk", "audit_event" }) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /**
     * Waits (up to 10 s) until no upload is staged any more: uploads stream into storage, and what an upload staged is
     * released just after its response. Returns how many staged blobs and spooled files were left.
     */
    static long leftoverUploads(DataSource ds) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        long n;
        do {
            n = stagedNow(ds) + spooledNow();
            if (n == 0) {
                return 0;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return n;
    }

    /** Blobs written by uploads that no evidence row has adopted (yet). */
    static long stagedNow(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM evidence_blob WHERE staged_at IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Files in the multipart spool directory (uploads never land there: they are parsed as a stream). */
    static long spooledNow() throws Exception {
        if (!Files.isDirectory(UPLOADS)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(UPLOADS)) {
            return files.count();
        }
    }
}
