package org.claimscrub.engine;

import org.claimscrub.model.ClaimLine;
import org.claimscrub.model.ClaimType;
import org.claimscrub.model.InputField;
import org.claimscrub.model.Modifiers;
import org.claimscrub.model.SourceRef;
import org.claimscrub.model.Visit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A spilled line keeps the fields the reader could not read, so the INP-UNREADABLE edit is the same spilled or not. */
class SpillCodecUnreadableFieldsTest {
    private static ClaimLine line(int n, Set<InputField> unreadable) {
        LocalDate dos = LocalDate.of(2025, 3, 11);
        return new ClaimLine(new SourceRef(0, "made-up.csv", n), "C" + n, 1, dos, "88305", Modifiers.NONE, 1, "P" + n,
                "1900000013", "", ClaimType.PROFESSIONAL, "", "", null, List.of(), "",
                Visit.of("C" + n, "P" + n, "1900000013", dos), "", unreadable);
    }

    @Test
    void unreadableFieldsSurviveTheSpillRoundTrip() throws Exception {
        List<ClaimLine> lines = List.of(line(1, Set.of()), line(2, EnumSet.of(InputField.CHARGE)),
                line(3, EnumSet.allOf(InputField.class)), line(4, EnumSet.of(InputField.REVENUE_CODE,
                        InputField.RENDERING_NPI)));
        SpillCodec codec = new SpillCodec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ClaimLine line : lines) {
            codec.writeLine(out, line);
        }
        List<ClaimLine> back = codec.readLines(out.toByteArray(), lines.size());
        assertEquals(lines.stream().map(ClaimLine::unreadableFields).toList(),
                back.stream().map(ClaimLine::unreadableFields).toList());
        assertEquals("rendering_npi, revenue_code", back.get(3).unreadableFieldNames());
    }
}
