package org.factdesk.evidence.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.factdesk.common.ProblemException;
import org.factdesk.common.Text;
import org.factdesk.common.ProblemException.FieldError;
import org.factdesk.evidence.Stance;
import org.factdesk.evidence.UploadForm;

/**
 * A multipart/form-data request body parsed as a stream (Apache Commons FileUpload's item iterator over the request
 * stream), so the file part is never spooled to memory or disk: its bytes are handed to the service as they arrive.
 * Text fields are small and read whole, up to {@link #FIELD_MAX} bytes each.
 */
final class StreamingUploadForm implements UploadForm {

    static final String FILE = "file";
    static final int FIELD_MAX = 16 * 1024;

    private final Counted body;
    private final FileItemInputIterator items;
    private final Map<String, String> fields = new HashMap<>();
    private final List<FieldError> errors = new ArrayList<>();

    private StreamingUploadForm(Counted body, FileItemInputIterator items) {
        this.body = body;
        this.items = items;
    }

    /**
     * Starts reading a body of this content type; 400 when it is no multipart form. A body without a declared length
     * (chunked) that grows past {@code maxBody} gets the same 413 as one declaring too much (common.web.BodyLimits).
     */
    static StreamingUploadForm open(String contentType, long contentLength, InputStream raw, long maxBody) {
        Counted body = new Counted(raw, maxBody);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ProblemException.unsupportedMediaType("Uploads are multipart/form-data");
        }
        Parser parser = new Parser();
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        try {
            return new StreamingUploadForm(body, parser.getItemIterator(new Body(contentType, contentLength, body)));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    @Override
    public Optional<FilePart> file() {
        try {
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (FILE.equals(item.getFieldName()) && !item.isFormField()) {
                    String name = fileName(item);
                    return Optional.of(new FilePart(item.getInputStream(), name));
                }
                field(item);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    @Override
    public Details details(boolean hasFile) {
        try {
            while (items.hasNext()) {
                field(items.next());
            }
        } catch (IOException e) {
            throw malformed(e);
        }
        List<FieldError> all = new ArrayList<>(errors);
        all.addAll(Text.errors(Text.fields("stance", fields.get("stance"), "note", fields.get("note"))));
        if (!hasFile) {
            all.add(0, new FieldError(FILE, "a file part is required"));
        }
        String stance = fields.get("stance");
        Stance parsed = null;
        if (stance == null || stance.isBlank()) {
            all.add(new FieldError("stance", "must not be blank"));
        } else {
            try {
                parsed = Stance.valueOf(stance.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                all.add(new FieldError("stance", "must be one of " + List.of(Stance.values())));
            }
        }
        String note = fields.get("note");
        if (note != null && note.length() > EvidenceViews.NOTE_MAX) {
            all.add(new FieldError("note", "size must be between 0 and " + EvidenceViews.NOTE_MAX));
        }
        if (!all.isEmpty()) {
            throw ProblemException.invalid(all);
        }
        return new Details(parsed, EvidenceViews.blankToNull(note));
    }

    /** Keeps the first value of a text field; skips further file parts and unknown fields. */
    private void field(FileItemInput item) throws IOException {
        String name = item.getFieldName();
        if (!item.isFormField() || !("stance".equals(name) || "note".equals(name)) || fields.containsKey(name)) {
            return;
        }
        try (InputStream in = item.getInputStream()) {
            byte[] value = in.readNBytes(FIELD_MAX + 1);
            if (value.length > FIELD_MAX) {
                errors.add(new FieldError(name, "must be at most " + FIELD_MAX + " bytes"));
                fields.put(name, "");
                return;
            }
            fields.put(name, new String(value, StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads what is left of the body and throws it away, so a client that is still sending gets the answer instead
     * of a reset connection; the body was limited before it was read (factdesk.http.max-upload).
     */
    void drain() {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client is gone; nothing to answer
        }
    }

    /** Whether the body has turned out larger than allowed (then a 413 answers, whatever else went wrong). */
    boolean tooLarge() {
        return body.over;
    }

    static ProblemException tooLarge(long max) {
        return new ProblemException(413, "payload-too-large", "Payload too large",
                "Uploads are limited to " + max + " bytes including form fields", Map.of(),
                Map.of("Connection", "close"));
    }

    /** Counts the body's bytes; past the limit it stops reading and fails with a 413. */
    private static final class Counted extends java.io.FilterInputStream {
        private final long max;
        private long count;
        private boolean over;

        Counted(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        private void check() {
            if (count > max) {
                over = true;
                throw tooLarge(max);
            }
        }

        @Override
        public int read() throws IOException {
            if (over) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                count++;
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (over) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, max + 1 - count));
            if (n > 0) {
                count += n;
                check();
            }
            return n;
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            try {
                return super.transferTo(out);
            } catch (ProblemException e) {
                return 0;
            }
        }
    }

    /**
     * The part's file name, refused (422 naming the field) before any byte is stored when it holds control
     * characters. FileUpload itself throws {@link InvalidPathException} for a NUL, which would otherwise be a 500.
     */
    private static String fileName(FileItemInput item) {
        String name;
        try {
            name = item.getName();
        } catch (InvalidPathException e) {
            throw ProblemException.unprocessable(FILE, Text.problem("\u0000"));
        }
        Text.requireAll(Text.fields(FILE, name));
        return name;
    }

    private static ProblemException malformed(IOException e) {
        if (e instanceof FileUploadException) {
            return new ProblemException(400, "malformed-request", "Malformed request",
                    "The multipart body could not be read: " + e.getMessage());
        }
        return new ProblemException(400, "upload-interrupted", "Upload interrupted",
                "The upload ended before the whole form arrived; nothing was stored");
    }

    /** The request as FileUpload sees it. */
    private record Body(String contentType, long contentLength, InputStream stream) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return contentLength;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return stream;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }

    /** FileUpload's stream parser over a plain request (its servlet front ends are not needed here). */
    private static final class Parser extends AbstractFileUpload<Body, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(Body request) throws FileUploadException, IOException {
            return super.getItemIterator((RequestContext) request);
        }

        // the spooling parses below are never used (uploads are read with the iterator); they are FileUpload's own
        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(Body request) throws FileUploadException {
            return super.parseParameterMap((RequestContext) request);
        }

        @Override
        public List<DiskFileItem> parseRequest(Body request) throws FileUploadException {
            return super.parseRequest((RequestContext) request);
        }
    }
}
