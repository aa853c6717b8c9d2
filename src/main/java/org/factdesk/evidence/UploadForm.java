package org.factdesk.evidence;

import java.io.InputStream;
import java.util.Optional;

/**
 * An upload form read as it arrives, never held whole: the file part when it comes (its bytes go straight to
 * storage), the text fields once the rest of the form has been read, as clients may send them before or after the
 * file. Problems with the form itself (malformed, interrupted, invalid fields) are thrown as problems.
 */
public interface UploadForm {

    /** The file part: its bytes, to be read once, and the name the client gave the file. */
    record FilePart(InputStream bytes, String fileName) {
    }

    /** What the form says about the file, validated. */
    record Details(Stance stance, String note) {
    }

    /** Reads up to the file part; empty when the form has none (then it has been read to its end). */
    Optional<FilePart> file();

    /** Reads the rest of the form; 422 naming every invalid field, the file among them when {@code hasFile} is false. */
    Details details(boolean hasFile);
}
