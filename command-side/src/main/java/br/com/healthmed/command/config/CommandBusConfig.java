package br.com.healthmed.command.config;

import br.com.healthmed.command.security.CommandSignatures;
import br.com.healthmed.command.security.CommandSigningConfig;
import br.com.healthmed.command.shared.AggregateLockingInterceptor;
import br.com.healthmed.command.shared.ReentrantAggregateLocks;
import br.com.healthmed.command.shared.RejectionWrappingInterceptor;
import br.com.healthmed.command.shared.StoreCheckedCachingRepository;
import br.com.healthmed.command.appointment.Appointment;
import br.com.healthmed.command.doctor.DaySchedule;
import br.com.healthmed.command.doctor.Doctor;
import br.com.healthmed.command.patient.Patient;
import br.com.healthmed.command.shared.TranslatingCommandBus;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.interceptors.TransactionManagingInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local command bus, the aggregate locks and the aggregate caches (ADR 0009). Handler interceptors, outermost
 * first: refuse unsigned commands (ADR 0025), translate failures, take the aggregate locks, open the transaction, copy
 * correlation data onto events.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class CommandBusConfig {

    static final String CACHE_PROVIDER = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";

    /**
     * One lock factory for every repository and for {@link AggregateLockingInterceptor}, so that a lock taken before
     * the transaction is re-entered, not waited for, by the repository. Its wait is bounded in time and queue length;
     * {@link ReentrantAggregateLocks} keeps that bound from refusing a lock's own holder.
     */
    @Bean
    LockFactory aggregateLockFactory(CommandProperties properties) {
        int attemptMillis = 10;
        long attempts = Math.max(1, properties.lock().maxWait().toMillis() / attemptMillis);
        return new ReentrantAggregateLocks(PessimisticLockFactory.builder()
                .lockAttemptTimeout(attemptMillis)
                .acquireAttempts((int) Math.min(Integer.MAX_VALUE, attempts))
                .queueLengthThreshold(properties.lock().maxQueue())
                .build());
    }

    @Qualifier("localSegment")
    @Bean
    SimpleCommandBus commandBus(TransactionManager transactionManager, Configuration axonConfiguration,
                                DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                LockFactory aggregateLockFactory, CommandSignatures commandSignatures) {
        AsynchronousCommandBus.Builder builder = AsynchronousCommandBus.builder()
                .executor(TranslatingCommandBus.carryingLogContext(handlerThreads()))
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axonConfiguration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"));
        return signedLocalBus(builder, commandSignatures, aggregateLockFactory, transactionManager,
                axonConfiguration.correlationDataProviders());
    }

    /**
     * The local segment as the application runs it: outermost, a command no command side signed is refused before it
     * takes a lock or a connection (ADR 0025); then {@link #localBus}'s interceptors.
     */
    static TranslatingCommandBus signedLocalBus(AsynchronousCommandBus.Builder builder, CommandSignatures signatures,
                                                LockFactory aggregateLocks, TransactionManager transactionManager,
                                                List<CorrelationDataProvider> correlationDataProviders) {
        TranslatingCommandBus bus = TranslatingCommandBus.create(builder);
        bus.registerHandlerInterceptor(CommandSigningConfig.signedOnly(signatures));
        return withInterceptors(bus, aggregateLocks, transactionManager, correlationDataProviders);
    }

    /**
     * Platform threads, not virtual ones: requests run on virtual threads, and CPU-heavy request work (Argon2id
     * password hashing) can occupy every carrier thread of a small machine for seconds. A handler queued behind it as
     * a virtual thread would see its request's wait run out before it even started; a platform thread gets its time
     * slice from the operating system. The pool grows with the commands in flight, which the bounded lock wait and
     * queue keep short-lived.
     */
    private static ExecutorService handlerThreads() {
        return Executors.newCachedThreadPool(Thread.ofPlatform().name("command-handler-", 0).daemon(true).factory());
    }

    /** The bus with its handler interceptors, outermost first; the order is the point (see the class comment). */
    static TranslatingCommandBus localBus(AsynchronousCommandBus.Builder builder, LockFactory aggregateLocks,
                                          TransactionManager transactionManager,
                                          List<CorrelationDataProvider> correlationDataProviders) {
        return withInterceptors(TranslatingCommandBus.create(builder), aggregateLocks, transactionManager,
                correlationDataProviders);
    }

    private static TranslatingCommandBus withInterceptors(TranslatingCommandBus commandBus, LockFactory aggregateLocks,
                                                          TransactionManager transactionManager,
                                                          List<CorrelationDataProvider> correlationDataProviders) {
        commandBus.registerHandlerInterceptor(new RejectionWrappingInterceptor());
        commandBus.registerHandlerInterceptor(new AggregateLockingInterceptor(aggregateLocks));
        commandBus.registerHandlerInterceptor(new TransactionManagingInterceptor<>(transactionManager));
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(correlationDataProviders));
        return commandBus;
    }

    /** Its own manager per application context: JCache managers are JVM-wide by URI, and tests run several contexts. */
    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager() {
        ClassLoader classLoader = CommandBusConfig.class.getClassLoader();
        return Caching.getCachingProvider(CACHE_PROVIDER, classLoader)
                .getCacheManager(URI.create("healthmed-aggregates-" + UUID.randomUUID()), classLoader);
    }

    @Bean
    Cache doctorCache(CacheManager aggregateCacheManager, CommandProperties properties) {
        return aggregateCache(aggregateCacheManager, "doctors", properties.cache().doctors(), properties);
    }

    @Bean
    Cache dayScheduleCache(CacheManager aggregateCacheManager, CommandProperties properties) {
        return aggregateCache(aggregateCacheManager, "day-schedules", properties.cache().daySchedules(), properties);
    }

    @Bean
    Cache patientCache(CacheManager aggregateCacheManager, CommandProperties properties) {
        return aggregateCache(aggregateCacheManager, "patients", properties.cache().patients(), properties);
    }

    @Bean
    Cache appointmentCache(CacheManager aggregateCacheManager, CommandProperties properties) {
        return aggregateCache(aggregateCacheManager, "appointments", properties.cache().appointments(), properties);
    }

    /**
     * The cached aggregates' repositories, named by their {@code @Aggregate(repository = ...)}: Axon's caching
     * repository, built as Axon's aggregate configuration would build it, that checks a cached aggregate against the
     * store before trusting it ({@link StoreCheckedCachingRepository}, ADR 0009).
     */
    @Bean
    EventSourcingRepository<Doctor> doctorRepository(RepositoryParts parts, Cache doctorCache,
                                                     SnapshotTriggerDefinition scheduleSnapshotTrigger,
                                                     @Qualifier("doctorAggregateFactory") AggregateFactory<Doctor> factory) {
        return parts.repository(factory, doctorCache, scheduleSnapshotTrigger);
    }

    @Bean
    EventSourcingRepository<DaySchedule> dayScheduleRepository(
            RepositoryParts parts, Cache dayScheduleCache, SnapshotTriggerDefinition scheduleSnapshotTrigger,
            @Qualifier("dayScheduleAggregateFactory") AggregateFactory<DaySchedule> factory) {
        return parts.repository(factory, dayScheduleCache, scheduleSnapshotTrigger);
    }

    @Bean
    EventSourcingRepository<Patient> patientRepository(RepositoryParts parts, Cache patientCache,
                                                       SnapshotTriggerDefinition patientSnapshotTrigger,
                                                       @Qualifier("patientAggregateFactory") AggregateFactory<Patient> factory) {
        return parts.repository(factory, patientCache, patientSnapshotTrigger);
    }

    @Bean
    EventSourcingRepository<Appointment> appointmentRepository(
            RepositoryParts parts, Cache appointmentCache,
            @Qualifier("appointmentAggregateFactory") AggregateFactory<Appointment> factory) {
        return parts.repository(factory, appointmentCache, NoSnapshotTriggerDefinition.INSTANCE);
    }

    @Bean
    RepositoryParts repositoryParts(EventStore eventStore, LockFactory aggregateLockFactory,
                                    ParameterResolverFactory parameterResolverFactory,
                                    HandlerDefinition handlerDefinition, RepositorySpanFactory repositorySpanFactory) {
        return new RepositoryParts(eventStore, aggregateLockFactory, parameterResolverFactory, handlerDefinition,
                repositorySpanFactory);
    }

    /**
     * What every aggregate repository shares: the same parts Axon's Spring aggregate configuration gives its own,
     * including the aggregate factory it registers per aggregate ({@code <aggregate>AggregateFactory}).
     */
    record RepositoryParts(EventStore eventStore, LockFactory locks, ParameterResolverFactory parameterResolvers,
                           HandlerDefinition handlerDefinition, RepositorySpanFactory spans) {

        <T> EventSourcingRepository<T> repository(AggregateFactory<T> factory, Cache cache,
                                                  SnapshotTriggerDefinition snapshots) {
            return StoreCheckedCachingRepository.builder(factory.getAggregateType())
                    .aggregateFactory(factory)
                    .parameterResolverFactory(parameterResolvers)
                    .handlerDefinition(handlerDefinition)
                    .lockFactory(locks)
                    .eventStore(eventStore)
                    .snapshotTriggerDefinition(snapshots)
                    .spanFactory(spans)
                    .cache(cache)
                    .build();
        }
    }

    /**
     * By reference, not by value: Axon keeps the live aggregate in its cache entry and evicts it when a unit of work
     * that loaded it rolls back (a rejection, a conflict at commit), so a copy would only cost serialisation.
     */
    private static Cache aggregateCache(CacheManager manager, String name, int maximumSize, CommandProperties properties) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setStoreByValue(false);
        configuration.setMaximumSize(OptionalLong.of(maximumSize));
        configuration.setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS,
                properties.cache().expireAfterAccess().toMillis())));
        return new JCacheAdapter(manager.createCache("healthmed-aggregates-" + name, configuration));
    }
}
