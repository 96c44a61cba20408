package br.com.healthmed.command.auth;

import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every login and token test starts from: an HTTP client, accounts created straight in the registry (the
 * registration endpoints are tested elsewhere), and no failed logins left over by an earlier test.
 */
abstract class AuthenticationTest {

    static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    AccountRegistry registry;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    StringRedisTemplate redis;

    Api api;
    TestAccounts accounts;

    @BeforeEach
    void connectWithFreshThrottleCounters() {
        api = new Api(port);
        accounts = new TestAccounts(registry, passwordEncoder, transaction);
        AuthTesting.forgetFailedLogins(redis);
    }
}
