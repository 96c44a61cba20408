package br.com.healthmed.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL, one Redis, one MongoDB emulator and one SMTP server per test JVM, started on first use and stopped when the JVM
 * exits. Each Spring test context takes its own database, Redis database index and MongoDB database, so contexts
 * never see each other's data.
 */
public final class SharedInfrastructure {

    private static final int REDIS_DATABASES = 64;
    private static final AtomicInteger NEXT_REDIS_DATABASE = new AtomicInteger();

    private static final StoreAccounts ACCOUNTS = StoreAccounts.generated();

    private static LocalPostgres postgres;
    private static LocalRedis redis;
    private static LocalMongo mongo;
    private static TestMailbox mailbox;

    private SharedInfrastructure() {
    }

    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = LocalPostgres.temporary();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            postgres.createQueryDatabaseRole(ACCOUNTS);
        }
        return postgres;
    }

    public static synchronized LocalRedis redis() {
        if (redis == null) {
            // The default user stays open on the test server: test helpers inspect and clear keys with it.
            redis = LocalRedis.temporary(ACCOUNTS.redisUserDirectives(true));
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        }
        return redis;
    }

    public static synchronized LocalMongo mongo() {
        if (mongo == null) {
            mongo = LocalMongo.temporary();
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::close));
        }
        return mongo;
    }

    /** The SMTP server every application started by this JVM's tests sends its mail to. */
    public static synchronized TestMailbox mailbox() {
        if (mailbox == null) {
            mailbox = TestMailbox.start();
        }
        return mailbox;
    }

    /** The passwords of the least-privilege accounts on this JVM's servers. */
    public static StoreAccounts accounts() {
        return ACCOUNTS;
    }

    /** A Redis database index not yet handed out in this JVM (wraps around after 64 contexts). */
    public static int nextRedisDatabase() {
        return NEXT_REDIS_DATABASE.getAndIncrement() % REDIS_DATABASES;
    }
}
