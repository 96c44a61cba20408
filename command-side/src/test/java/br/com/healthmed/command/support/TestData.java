package br.com.healthmed.command.support;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid, unique registration data for tests: CPFs with correct check digits, CRMs and e-mails never reused. */
public final class TestData {

    public static final String PASSWORD = "s3nha-de-teste-longa";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 1_000_000));

    private TestData() {
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "." + SEQUENCE.incrementAndGet() + "." + System.nanoTime() % 100000 + "@example.com";
    }

    /** A random CPF with valid check digits, formatted with punctuation. */
    public static String cpf() {
        int[] digits = new int[11];
        do {
            for (int i = 0; i < 9; i++) {
                digits[i] = ThreadLocalRandom.current().nextInt(10);
            }
        } while (digits[0] == digits[1] && digits[1] == digits[2]);
        digits[9] = checkDigit(digits, 9);
        digits[10] = checkDigit(digits, 10);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            text.append(digits[i]);
            if (i == 2 || i == 5) {
                text.append('.');
            } else if (i == 8) {
                text.append('-');
            }
        }
        return text.toString();
    }

    private static int checkDigit(int[] digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += digits[i] * (length + 1 - i);
        }
        int remainder = (sum * 10) % 11;
        return remainder == 10 ? 0 : remainder;
    }

    /** Unique within the test JVM (a random offset plus a sequence): a random draw collided in CI (409 crm-already-registered). */
    public static String crmNumber() {
        return Long.toString(10_000_000L + SEQUENCE.incrementAndGet());
    }

    public static Map<String, Object> patient(String email, String cpf) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Maria da Silva");
        body.put("email", email);
        body.put("cpf", cpf);
        body.put("password", PASSWORD);
        body.put("phone", "+55 11 91234-5678");
        body.put("birthDate", "1988-04-12");
        return body;
    }

    public static Map<String, Object> doctor(String crm, String uf) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Dr. João Pereira");
        body.put("crm", crm);
        body.put("uf", uf);
        body.put("email", uniqueEmail("doctor"));
        body.put("specialty", "CARDIOLOGIA");
        body.put("consultationPrice", 250.00);
        body.put("timeZone", "America/Sao_Paulo");
        body.put("password", PASSWORD);
        return body;
    }

    /** A slot on a weekday a few days ahead, at the given hour in São Paulo (UTC-3). */
    public static Map<String, Object> slot(int daysAhead, int hour) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(-3)).plusDays(daysAhead)
                .truncatedTo(ChronoUnit.DAYS).withHour(hour);
        return Map.of("start", start.toString(), "end", start.plusMinutes(30).toString());
    }

    public static LocalDate nextMonday() {
        return LocalDate.now().plusDays(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }
}
