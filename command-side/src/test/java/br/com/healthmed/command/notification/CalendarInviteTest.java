package br.com.healthmed.command.notification;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarInviteTest {

    private static final Instant START = Instant.parse("2030-01-07T12:00:00Z");
    private static final Instant END = Instant.parse("2030-01-07T12:30:00Z");
    private static final Instant STAMP = Instant.parse("2030-01-01T08:15:30Z");

    @Test
    void an_invitation_is_one_event_in_utc_with_crlf_lines() {
        String ics = CalendarInvite.of("abc@healthmed", 1, START, END, STAMP, "Consulta com Dra. Ana", "Confirmada");

        assertThat(ics).isEqualTo(String.join("\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Health&Med//Consultas//PT-BR",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                "BEGIN:VEVENT",
                "UID:abc@healthmed",
                "SEQUENCE:1",
                "DTSTAMP:20300101T081530Z",
                "DTSTART:20300107T120000Z",
                "DTEND:20300107T123000Z",
                "SUMMARY:Consulta com Dra. Ana",
                "DESCRIPTION:Confirmada",
                "STATUS:CONFIRMED",
                "END:VEVENT",
                "END:VCALENDAR",
                ""));
    }

    @Test
    void a_moved_appointment_keeps_its_uid_with_a_higher_sequence_so_calendars_update_the_event() {
        String accepted = CalendarInvite.of("abc@healthmed", 1, START, END, STAMP, "Consulta", "Confirmada");
        String moved = CalendarInvite.of("abc@healthmed", 3, START.plusSeconds(3600), END.plusSeconds(3600),
                STAMP.plusSeconds(60), "Consulta", "Remarcada");

        assertThat(accepted).contains("UID:abc@healthmed\r\n", "SEQUENCE:1\r\n", "DTSTART:20300107T120000Z\r\n");
        assertThat(moved).contains("UID:abc@healthmed\r\n", "SEQUENCE:3\r\n", "DTSTART:20300107T130000Z\r\n");
    }

    @Test
    void text_values_escape_backslashes_semicolons_commas_and_newlines() {
        assertThat(CalendarInvite.escape("a\\b;c,d\ne")).isEqualTo("a\\\\b\\;c\\,d\\ne");
    }

    @Test
    void long_lines_fold_at_75_octets_without_splitting_a_character() {
        String description = "Consulta às 09:00 com a Dra. Conceição Araújo, cardiologista, em São Paulo; leve seus exames.";

        String ics = CalendarInvite.of("abc@healthmed", 1, START, END, STAMP, "Consulta", description);

        String[] lines = ics.split("\r\n");
        assertThat(Arrays.stream(lines).mapToInt(line -> line.getBytes(StandardCharsets.UTF_8).length).max().orElseThrow())
                .isLessThanOrEqualTo(75);
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("DESCRIPTION:" + CalendarInvite.escape(description) + "\r\n");
    }
}
