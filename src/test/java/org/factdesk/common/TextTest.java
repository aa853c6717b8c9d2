package org.factdesk.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void acceptsEveryScriptAstralPlanesCombiningMarksBidiAndEmoji() {
        assertThat(Text.problem(null)).isNull();
        assertThat(Text.problem("")).isNull();
        assertThat(Text.problem("tab\tline\nreturn\r")).isNull();
        assertThat(Text.problem("Cancillería del Ecuador · 厄瓜多尔 · إكوادور · אקוודור")).isNull();
        assertThat(Text.problem("e\u0301\u0323 a\u20DD")).isNull(); // combining marks
        assertThat(Text.problem("\u202Eabc\u202C \u200F\u2067x\u2069")).isNull(); // bidi controls are format chars
        assertThat(Text.problem("👩‍👩‍👧‍👦 🇪🇨 🏳️‍🌈 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \uD83D\uDE00")).isNull(); // pairs, ZWJ sequences
        assertThat(Text.problem("\u007F\u0085\u00A0\uFEFF\uFFFD")).isNull(); // DEL, C1, NBSP, BOM, replacement
        assertThat(Text.problem(new String(Character.toChars(0x10FFFD)))).isNull();
    }

    @Test
    void refusesNulUnpairedSurrogatesC0ControlsAndFffeFfff() {
        assertThat(Text.problem("a\u0000b")).contains("NUL").contains("index 1");
        assertThat(Text.problem("\uD800")).contains("unpaired").contains("U+D800");
        assertThat(Text.problem("x\uDC00")).contains("unpaired").contains("U+DC00");
        assertThat(Text.problem("\uD800\uD800\uDC00")).contains("index 0");
        assertThat(Text.problem("ok\uD83D")).contains("index 2");
        assertThat(Text.problem("\u001B[31m")).contains("U+001B");
        assertThat(Text.problem("\u0007")).contains("control");
        assertThat(Text.problem("\u001F")).contains("control");
        assertThat(Text.problem("\uFFFE")).contains("noncharacter");
        assertThat(Text.problem("\uFFFF")).contains("noncharacter");
    }

    @Test
    void neverEchoesTheRefusedText() {
        assertThat(Text.problem("secret-password\u0000")).doesNotContain("secret");
    }

    @Test
    void requireNamesTheFieldIn422() {
        assertThatThrownBy(() -> Text.require("statement", "a\u0000"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.type()).isEqualTo("validation");
                    assertThat(e.extensions().get("errors").toString()).contains("statement");
                });
        assertThat(Text.require("statement", "fine")).isEqualTo("fine");
        assertThat(Text.errors(Text.fields("a", "x\u0001", "b", null, "c", "\uDFFF"))).extracting(
                ProblemException.FieldError::field).containsExactly("a", "c");
    }
}
