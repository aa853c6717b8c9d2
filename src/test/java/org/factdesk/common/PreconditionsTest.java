package org.factdesk.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.factdesk.common.Preconditions.EntityTag;
import org.factdesk.common.Preconditions.IfMatch;
import org.factdesk.common.Preconditions.MalformedException;
import org.factdesk.common.Preconditions.TagList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The entity-tag rules of RFC 9110 sections 8.8.3, 13.1.1 (If-Match) and 13.1.2 (If-None-Match), without HTTP. */
class PreconditionsTest {

    private static EntityTag strong(String opaque) {
        return new EntityTag(false, opaque);
    }

    private static EntityTag weak(String opaque) {
        return new EntityTag(true, opaque);
    }

    @Test
    void parsesTheExamplesOfSection8_8_3() {
        assertThat(Preconditions.parse("\"xyzzy\"").tags()).containsExactly(strong("xyzzy"));
        assertThat(Preconditions.parse("W/\"xyzzy\"").tags()).containsExactly(weak("xyzzy"));
        assertThat(Preconditions.parse("\"\"").tags()).containsExactly(strong(""));
    }

    @Test
    void parsesTheListsOfSections13_1_1And13_1_2() {
        assertThat(Preconditions.parse("\"xyzzy\", \"r2d2xxxx\", \"c3piozzzz\"").tags())
                .containsExactly(strong("xyzzy"), strong("r2d2xxxx"), strong("c3piozzzz"));
        assertThat(Preconditions.parse("W/\"xyzzy\", W/\"r2d2xxxx\", W/\"c3piozzzz\"").tags())
                .containsExactly(weak("xyzzy"), weak("r2d2xxxx"), weak("c3piozzzz"));
        assertThat(Preconditions.parse("*")).isEqualTo(TagList.ANY);
        assertThat(Preconditions.parse("  *\t")).isEqualTo(TagList.ANY);
    }

    @Test
    void acceptsTheListSyntaxOfSection5_6_1() {
        // empty elements are ignored; optional whitespace is spaces and tabs; no space is needed after a comma
        assertThat(Preconditions.parse(",\"1\", ,\t,\"2\",").tags()).containsExactly(strong("1"), strong("2"));
        assertThat(Preconditions.parse("\"1\",W/\"2\"").tags()).containsExactly(strong("1"), weak("2"));
        // a comma is an etagc: inside quotes it does not split the list
        assertThat(Preconditions.parse("\"a,b\", \"c\"").tags()).containsExactly(strong("a,b"), strong("c"));
        // obs-text (bytes 0x80-0xFF, seen as ISO-8859-1 characters) is allowed
        assertThat(Preconditions.parse("\"caf\u00e9\"").tags()).containsExactly(strong("caf\u00e9"));
        assertThat(Preconditions.parse("\"!#~\"").tags()).containsExactly(strong("!#~"));
    }

    @Test
    void aFieldWithNoTagCountsAsAbsent() {
        assertThat(Preconditions.parse(null)).isNull();
        assertThat(Preconditions.parse("")).isNull();
        assertThat(Preconditions.parse("  ")).isNull();
        assertThat(Preconditions.parse(" , ,")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "3", "\"unterminated", "w/\"3\"", "W/3", "W/ \"3\"", "\"3\" \"4\"", "\"3\"x",
            "\"a b\"", "\"a\u0001\"", "\"a\u007f\"", "*, \"3\"", "\"3\", *", "**", "'3'", "\"3\";q=1", "\"\u20ac\"" })
    void refusesWhatIsNotAnEntityTagList(String field) {
        assertThatThrownBy(() -> Preconditions.parse(field)).isInstanceOf(MalformedException.class);
    }

    @Test
    void comparesAsTheTableOfSection8_8_3_2() {
        // ETag 1 | ETag 2 | strong | weak
        assertThat(weak("1").strongMatch(weak("1"))).isFalse();
        assertThat(weak("1").weakMatch(weak("1"))).isTrue();
        assertThat(weak("1").strongMatch(weak("2"))).isFalse();
        assertThat(weak("1").weakMatch(weak("2"))).isFalse();
        assertThat(weak("1").strongMatch(strong("1"))).isFalse();
        assertThat(weak("1").weakMatch(strong("1"))).isTrue();
        assertThat(strong("1").strongMatch(strong("1"))).isTrue();
        assertThat(strong("1").weakMatch(strong("1"))).isTrue();
        // character for character: no numeric or case folding
        assertThat(strong("03").strongMatch(strong("3"))).isFalse();
        assertThat(strong("a").strongMatch(strong("A"))).isFalse();
    }

    @Test
    void ifMatchUsesTheStrongComparison() {
        assertThat(Preconditions.ifMatch("\"3\"").matches(3)).isTrue();
        assertThat(Preconditions.ifMatch("\"1\", \"3\"").matches(3)).isTrue();
        assertThat(Preconditions.ifMatch("*").matches(3)).isTrue();
        assertThat(Preconditions.ifMatch("W/\"3\"").matches(3)).isFalse();
        assertThat(Preconditions.ifMatch("W/\"3\", \"4\"").matches(3)).isFalse();
        assertThat(Preconditions.ifMatch("\"abc\"").matches(3)).isFalse();
        assertThat(Preconditions.ifMatch("\"999\"").matches(3)).isFalse();
        assertThat(Preconditions.ifMatch("\"03\"").matches(3)).isFalse();
        assertThat(Preconditions.ifMatch((String) null)).isSameAs(IfMatch.NONE);
        assertThat(IfMatch.NONE.matches(3)).isTrue();
    }

    @Test
    void aFailedIfMatchIs412WithTheCurrentETag() {
        assertThatThrownBy(() -> Preconditions.ifMatch("\"abc\"").check(7)).isInstanceOfSatisfying(
                ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.headers()).containsEntry("ETag", "\"7\"");
                    assertThat(e.extensions()).containsEntry("currentVersion", 7L);
                    assertThat(e.getMessage()).contains("\"abc\"").contains("\"7\"");
                });
        assertThatThrownBy(() -> Preconditions.ifMatch("W/\"7\"").check(7)).isInstanceOfSatisfying(
                ProblemException.class, e -> assertThat(e.getMessage()).contains("weak"));
    }

    @Test
    void aMissingRequiredIfMatchIs428AndAMalformedOneIs400() {
        for (String absent : new String[] { null, "", " ", "," }) {
            assertThatThrownBy(() -> Preconditions.requireIfMatch(absent)).isInstanceOfSatisfying(
                    ProblemException.class, e -> assertThat(e.status()).isEqualTo(428));
        }
        for (String malformed : new String[] { "3", "\"unterminated", "*, \"3\"" }) {
            assertThatThrownBy(() -> Preconditions.requireIfMatch(malformed)).isInstanceOfSatisfying(
                    ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> Preconditions.ifMatch(malformed)).isInstanceOfSatisfying(
                    ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> Preconditions.notModified(malformed, 3)).isInstanceOfSatisfying(
                    ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void ifNoneMatchUsesTheWeakComparison() {
        assertThat(Preconditions.notModified("\"3\"", 3)).isTrue();
        assertThat(Preconditions.notModified("W/\"3\"", 3)).isTrue();
        assertThat(Preconditions.notModified("\"xyzzy\", W/\"3\"", 3)).isTrue();
        assertThat(Preconditions.notModified("*", 3)).isTrue();
        assertThat(Preconditions.notModified("\"4\"", 3)).isFalse();
        assertThat(Preconditions.notModified("W/\"03\"", 3)).isFalse();
        assertThat(Preconditions.notModified((String) null, 3)).isFalse();
        assertThat(Preconditions.notModified("", 3)).isFalse();
        String sha = "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"";
        assertThat(Preconditions.notModified("W/" + sha, sha)).isTrue();
        assertThat(Preconditions.notModified("\"9f86d081\"", sha)).isFalse();
    }

    @Test
    void repeatedHeaderLinesFormOneList() {
        assertThat(Preconditions.combine(List.of("\"1\"", "W/\"2\", \"3\""))).isEqualTo("\"1\",W/\"2\", \"3\"");
        assertThat(Preconditions.parse(Preconditions.combine(List.of("\"1\"", "W/\"2\", \"3\""))).tags())
                .containsExactly(strong("1"), weak("2"), strong("3"));
        assertThat(Preconditions.combine(List.of())).isNull();
        assertThat(Preconditions.etag(12)).isEqualTo("\"12\"");
    }
}
