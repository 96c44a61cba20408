package br.com.healthmed.command.support;

import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Creates login accounts straight in the registry, as the registration commands would, for tests of authentication. */
public final class TestAccounts {

    private final AccountRegistry registry;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transaction;

    public TestAccounts(AccountRegistry registry, PasswordEncoder passwordEncoder, TransactionTemplate transaction) {
        this.registry = registry;
        this.passwordEncoder = passwordEncoder;
        this.transaction = transaction;
    }

    public UUID create(Role role, String password, LoginIdentifier... identifiers) {
        UUID accountId = UUID.randomUUID();
        PasswordHash hash = new PasswordHash(passwordEncoder.encode(password));
        transaction.executeWithoutResult(status -> registry.register(accountId, role, hash, List.of(identifiers)));
        return accountId;
    }

    /** A unique, valid e-mail for one test. */
    public static String email() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A unique-enough valid CPF (random first nine digits, computed check digits), unpunctuated. */
    public static String cpf() {
        while (true) {
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                digits.append(ThreadLocalRandom.current().nextInt(10));
            }
            digits.append(checkDigit(digits, 9));
            digits.append(checkDigit(digits, 10));
            if (digits.chars().distinct().count() > 1) {
                return digits.toString();
            }
        }
    }

    public static String punctuated(String cpf) {
        return cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-" + cpf.substring(9);
    }

    /** A CRM number unlikely to collide between tests, short enough to be written with leading zeros. */
    public static String crmNumber() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000, 100_000_000));
    }

    private static int checkDigit(CharSequence digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (length + 1 - i);
        }
        int remainder = (sum * 10) % 11;
        return remainder == 10 ? 0 : remainder;
    }
}
