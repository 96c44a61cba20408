package br.com.healthmed.query.faults;

import com.mongodb.ClientSessionOptions;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;
import org.bson.codecs.configuration.CodecRegistry;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Spring Data's database factory, refusing at once while {@link MongoReachability} says MongoDB has been out of reach too long: every
 * read and every projection write goes through it, so a hung MongoDB costs each request nothing instead of the
 * driver's read timeout, and the failure is the one the driver itself raises when no server can be found (503
 * {@code store-unavailable}, readiness DOWN, projections retrying — see {@link StoreUnavailableAdvice}).
 */
public class ReachabilityGuardedDatabaseFactory implements MongoDatabaseFactory {

    private final MongoDatabaseFactory factory;
    private final MongoReachability reachability;

    public ReachabilityGuardedDatabaseFactory(MongoDatabaseFactory factory, MongoReachability reachability) {
        this.factory = factory;
        this.reachability = reachability;
    }

    @Override
    public MongoDatabase getMongoDatabase() {
        refuseWhileUnreachable();
        return factory.getMongoDatabase();
    }

    @Override
    public MongoDatabase getMongoDatabase(String database) {
        refuseWhileUnreachable();
        return factory.getMongoDatabase(database);
    }

    private void refuseWhileUnreachable() {
        if (reachability.unreachable()) {
            throw new MongoTimeoutException("MongoDB has been unreachable for a while; not waiting for it");
        }
    }

    @Override
    public PersistenceExceptionTranslator getExceptionTranslator() {
        return factory.getExceptionTranslator();
    }

    @Override
    public CodecRegistry getCodecRegistry() {
        return factory.getCodecRegistry();
    }

    @Override
    public ClientSession getSession(ClientSessionOptions options) {
        return factory.getSession(options);
    }

    @Override
    public MongoDatabaseFactory withSession(ClientSession session) {
        return new ReachabilityGuardedDatabaseFactory(factory.withSession(session), reachability);
    }

    @Override
    public boolean isTransactionActive() {
        return factory.isTransactionActive();
    }
}
