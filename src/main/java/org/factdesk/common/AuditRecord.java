package org.factdesk.common;

import java.util.Locale;

/**
 * The content of one audit event: each kind of change is a record annotated with {@link AuditType}, whose
 * components are the event's {@code data} (serialised by Jackson, then canonicalised for the hash). Features declare
 * their own sealed families (for example {@code ClaimEvent}), so the catalogue of event types is in the code, not
 * in strings scattered over services.
 */
public interface AuditRecord {

    ClassValue<AuditType> TYPES = new ClassValue<>() {
        @Override
        protected AuditType computeValue(Class<?> type) {
            AuditType t = type.getAnnotation(AuditType.class);
            if (t == null) {
                throw new IllegalStateException(type.getName() + " is an AuditRecord without @AuditType");
            }
            return t;
        }
    };

    /** The annotation of a record class. */
    static AuditType typeOf(Class<?> recordClass) {
        return TYPES.get(recordClass);
    }

    /**
     * The dotted name integrations subscribe to ({@code RULING_APPROVED} is {@code ruling.approved},
     * {@code API_KEY_CREATED} is {@code api_key.created}): the first word before an underscore is the resource,
     * except for the two-word resources listed here.
     */
    static String dottedName(String storedType) {
        String lower = storedType.toLowerCase(Locale.ROOT);
        for (String resource : new String[] { "api_key", "rating_scale" }) {
            if (lower.startsWith(resource + "_")) {
                return resource + "." + lower.substring(resource.length() + 1);
            }
        }
        int cut = lower.indexOf('_');
        return cut < 0 ? lower : lower.substring(0, cut) + "." + lower.substring(cut + 1);
    }
}
