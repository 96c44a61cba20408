package br.com.healthmed.testing;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the attack suites call a secure answer: never a 5xx, every refusal a problem document with a stable code, and no
 * trace of the server's insides (stack frames, class names, SQL, password hashes, keys) or of other people's data.
 */
public final class SecureAnswers {

    /** Text that only a leak puts into an answer. */
    private static final List<String> INSIDES = List.of("Exception", "\tat ", "at br.com.", "org.springframework",
            "org.postgresql", "com.mongodb", "org.axonframework", "SQLState", "java.lang", "$argon2", "PRIVATE KEY",
            "jdbc:");

    private SecureAnswers() {
    }

    /** Refused with exactly this status and problem code. */
    public static void refused(HostileClient.Answer answer, int status, String code, Collection<String> secrets) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
        assertThat(answer.code()).as("%s", answer).isEqualTo(code);
        noLeak(answer, secrets);
    }

    /** Refused with this status and one of these codes. */
    public static void refused(HostileClient.Answer answer, int status, Set<String> codes, Collection<String> secrets) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
        assertThat(answer.code()).as("%s", answer).isIn(codes);
        noLeak(answer, secrets);
    }

    /** Any 4xx problem document with a code: the request was bad, and it was told so. */
    public static void refusedAsBad(HostileClient.Answer answer, Collection<String> secrets) {
        assertThat(answer.status()).as("%s", answer).isBetween(400, 499);
        assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
        assertThat(answer.code()).as("%s", answer).isNotBlank();
        noLeak(answer, secrets);
    }

    /** Either served (2xx) or refused as a problem with a code; never a 5xx. */
    public static void handled(HostileClient.Answer answer, Collection<String> secrets) {
        assertThat(answer.status()).as("%s", answer).isLessThan(500);
        if (answer.status() >= 400) {
            refusedAsBad(answer, secrets);
        } else {
            noLeak(answer, secrets);
        }
    }

    /** The body names nothing of the server's insides and none of {@code secrets} (other people's data). */
    public static void noLeak(HostileClient.Answer answer, Collection<String> secrets) {
        String body = answer.body();
        for (String inside : INSIDES) {
            assertThat(body).as("%s leaks %s", answer.request(), inside).doesNotContain(inside);
        }
        for (String secret : secrets) {
            assertThat(body).as("%s leaks someone's data", answer.request()).doesNotContainIgnoringCase(secret);
        }
    }
}
