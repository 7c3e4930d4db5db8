package org.claimscrub.engine;

import org.claimscrub.model.Modifiers;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** One String per template and values, and always the text the template itself would make. */
class MessageMemoTest {
    private static final String TEMPLATE = "{code} billed with {modifiers} on {dos}; {missing} stays";

    @Test
    void equalValuesGiveTheSameStringAndTheTemplatesOwnText() {
        MessageMemo memo = new MessageMemo();
        Map<String, Object> values = Map.of("code", "88305", "modifiers", Modifiers.of("26"),
                "dos", LocalDate.of(2025, 3, 3));
        String first = memo.format(TEMPLATE, values::get);
        String again = memo.format(TEMPLATE, Map.<String, Object>of("code", new String("88305"),
                "modifiers", Modifiers.of("26"), "dos", LocalDate.of(2025, 3, 3))::get);
        assertSame(first, again);
        assertEquals(MessageTemplate.format(TEMPLATE, values), first);
        assertEquals("88305 billed with 26 on 2025-03-03; {missing} stays", first);
    }

    @Test
    void anyValueThatDiffersGivesItsOwnMessage() {
        MessageMemo memo = new MessageMemo();
        String one = memo.format(TEMPLATE, Map.<String, Object>of("code", "88305", "modifiers", Modifiers.NONE,
                "dos", LocalDate.of(2025, 3, 3))::get);
        String other = memo.format(TEMPLATE, Map.<String, Object>of("code", "88305", "modifiers", Modifiers.NONE,
                "dos", LocalDate.of(2025, 3, 4))::get);
        assertNotEquals(one, other);
        assertEquals("{a} and {b}", memo.format("{a} and {b}", name -> null));
        assertEquals("1 and 2", memo.format("{a} and {b}", name -> name.equals("a") ? 1 : 2));
    }

    /** A value whose text can change while it stays equal to itself is never memoised. */
    @Test
    void aValueOfAnotherKindIsFormattedEveryTime() {
        MessageMemo memo = new MessageMemo();
        StringBuilder mutable = new StringBuilder("first");
        String before = memo.format("value {v}", name -> mutable);
        mutable.replace(0, mutable.length(), "second");
        assertEquals("value first", before);
        assertEquals("value second", memo.format("value {v}", name -> mutable));
    }

    /** A BigDecimal subclass may print otherwise than an equal BigDecimal: never memoised. */
    @Test
    void aSubclassOfAValueKindIsFormattedEveryTime() {
        MessageMemo memo = new MessageMemo();
        class Shouting extends java.math.BigDecimal {
            Shouting() {
                super("5");
            }

            @Override
            public String toString() {
                return "FIVE";
            }
        }
        assertEquals("n 5", memo.format("n {v}", name -> new java.math.BigDecimal("5")));
        assertEquals("n FIVE", memo.format("n {v}", name -> new Shouting()));
    }

    @Test
    void eachValueIsAskedForOncePerPlaceholder() {
        MessageMemo memo = new MessageMemo();
        java.util.List<String> asked = new java.util.ArrayList<>();
        assertEquals("x-y-x", memo.format("{a}-{b}-{a}", name -> {
            asked.add(name);
            return name.equals("a") ? "x" : "y";
        }));
        assertEquals(java.util.List.of("a", "b", "a"), asked);
    }

    @Test
    void theNamesAskedAreThoseTheTemplateFills() {
        assertEquals(java.util.List.of("a", "b", "a"), MessageTemplate.asked("{a}-{b}-{a} {"));
    }
}
