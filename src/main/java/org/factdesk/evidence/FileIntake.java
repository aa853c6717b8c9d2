package org.factdesk.evidence;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.factdesk.common.ClientStream;
import org.factdesk.common.ProblemException;

/**
 * Takes an uploaded file's bytes into storage as they arrive: the type is detected from the first bytes (415 before
 * anything is stored), the size limit is enforced while copying (413, and what was staged is removed), the SHA-256
 * is computed by the storage on the way.
 */
@ApplicationScoped
public class FileIntake {

    @Inject
    ContentTypes contentTypes;
    @Inject
    EvidenceConfig config;
    @Inject
    ConfiguredEvidenceStorage storage;

    /** A file staged in storage and its detected type. */
    public record Intake(EvidenceStorage.Staged staged, String contentType) {
    }

    /** More bytes than the limit arrived. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("over the size limit", null);
        }
    }

    public Intake stage(UploadForm.FilePart file) {
        InputStream client = new ClientStream(file.bytes());
        long max = config.maxSize().asLongValue();
        try {
            byte[] head = client.readNBytes(contentTypes.headLength());
            if (head.length == 0) {
                throw ProblemException.unprocessable("file", "must not be empty");
            }
            String contentType = contentTypes.detect(head, file.fileName());
            if (!contentTypes.allowed(contentType)) {
                throw ProblemException.unsupportedMediaType("Files of type " + contentType
                        + " (detected from the content) are not accepted; allowed: "
                        + contentTypes.allowedTypes().stream().sorted().toList());
            }
            InputStream all = new Limited(new SequenceInputStream(new ByteArrayInputStream(head), client), max);
            return new Intake(storage.stage(all), contentType);
        } catch (TooLarge e) {
            throw ProblemException.payloadTooLarge("The file has more than " + max + " bytes; the limit is " + max
                    + " bytes");
        } catch (ClientStream.Failure e) {
            throw interrupted();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    static ProblemException interrupted() {
        return new ProblemException(400, "upload-interrupted", "Upload interrupted",
                "The upload ended before the whole form arrived; nothing was stored");
    }

    /** Storage could not be reached or refused: the client may try again later. */
    static ProblemException unavailable(IOException e) {
        org.jboss.logging.Logger.getLogger(FileIntake.class).warnf(e, "Evidence storage failed");
        return new ProblemException(503, "storage-unavailable", "Evidence storage unavailable",
                "The file could not be stored just now; nothing was kept. Try again later.", Map.of(),
                Map.of("Retry-After", "30"));
    }


    /** Fails with {@link TooLarge} as soon as more than {@code max} bytes have been read. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (count += n) > max) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
