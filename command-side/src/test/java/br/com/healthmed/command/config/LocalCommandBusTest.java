package br.com.healthmed.command.config;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.command.security.CommandSignatures;
import br.com.healthmed.command.security.UnsignedCommandException;
import br.com.healthmed.command.shared.RejectionDetails;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The command side's local bus: aggregate locks before the transaction, a bounded wait, and a clear busy answer. */
class LocalCommandBusTest {

    private final RequestAppointmentCommand booking = new RequestAppointmentCommand(AppointmentId.random(),
            new DoctorId(UUID.randomUUID()), SlotId.random(), new PatientId(UUID.randomUUID()));
    private final LockFactory locks = new CommandBusConfig().aggregateLockFactory(
            new CommandProperties(Duration.ofSeconds(15), new CommandProperties.Lock(Duration.ofMillis(200), 2),
                    new CommandProperties.Cache(1, 1, 1, 1, Duration.ofMinutes(1))));
    private final RecordingTransactions transactions = new RecordingTransactions();

    @Test
    void the_booking_holds_all_three_aggregate_locks_before_its_transaction_opens() throws Exception {
        transactions.onStart = () -> {
            for (String aggregate : List.of(booking.appointmentId().toString(), booking.doctorId().toString(),
                    booking.patientId().toString())) {
                assertThat(heldByAnotherThread(aggregate)).as("lock of %s held when the transaction opens", aggregate).isTrue();
            }
        };

        CommandResultMessage<?> result = dispatch();

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(transactions.started).hasValue(1);
        assertThat(transactions.committed).hasValue(1);
        assertThat(heldByAnotherThread(booking.doctorId().toString())).as("released after the commit").isFalse();
    }

    @Test
    void a_busy_schedule_is_refused_within_the_bounded_wait_without_opening_a_transaction() throws Exception {
        ExecutorService otherRequest = Executors.newSingleThreadExecutor();
        Lock busy = otherRequest.submit(() -> locks.obtainLock(booking.doctorId().toString())).get();
        try {
            long started = System.nanoTime();
            CommandResultMessage<?> result = dispatch();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(result.isExceptional()).isTrue();
            assertThat(result.exceptionResult()).isInstanceOf(CommandExecutionException.class);
            RejectionDetails details = (RejectionDetails) ((CommandExecutionException) result.exceptionResult())
                    .getDetails().orElseThrow();
            assertThat(details.code()).isEqualTo("resource-busy");
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            assertThat(transactions.started).as("no connection taken while waiting for the lock").hasValue(0);
            assertThat(heldByAnotherThread(booking.appointmentId().toString()))
                    .as("the locks taken before the refusal are released").isFalse();
        } finally {
            otherRequest.submit(busy::release).get();
            otherRequest.shutdown();
        }
    }

    @Test
    void a_command_no_command_side_signed_reaches_no_handler_and_takes_no_lock_or_transaction() throws Exception {
        CommandSignatures signatures = new CommandSignatures(new byte[32], JsonMapper.builder().findAndAddModules().build());
        var bus = CommandBusConfig.signedLocalBus(AsynchronousCommandBus.builder().executor(Runnable::run), signatures,
                locks, transactions, List.of());
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe(RequestAppointmentCommand.class.getName(), command -> handled.incrementAndGet());
        // What another client of Axon Server could send: an ADMIN's metadata, unsigned, or signed and then changed.
        CommandMessage<?> forged = GenericCommandMessage.asCommandMessage(booking)
                .andMetaData(Map.of(AuditMetadata.USER_ID, UUID.randomUUID().toString(), AuditMetadata.ROLE, "ADMIN"));
        CommandMessage<?> signedThenChanged = signatures.sign(GenericCommandMessage.asCommandMessage(booking)
                        .andMetaData(Map.of(AuditMetadata.USER_ID, UUID.randomUUID().toString(), AuditMetadata.ROLE, "PATIENT")))
                .andMetaData(Map.of(AuditMetadata.ROLE, "ADMIN"));

        for (CommandMessage<?> command : List.of(forged, signedThenChanged)) {
            CommandResultMessage<?> result = dispatch(bus, command);
            assertThat(result.isExceptional()).as("%s", command.getMetaData()).isTrue();
            assertThat(result.exceptionResult()).isInstanceOf(UnsignedCommandException.class);
        }
        assertThat(handled).hasValue(0);
        assertThat(transactions.started).hasValue(0);
        assertThat(heldByAnotherThread(booking.doctorId().toString())).isFalse();

        CommandResultMessage<?> signed = dispatch(bus, signatures.sign(GenericCommandMessage.asCommandMessage(booking)
                .andMetaData(Map.of(AuditMetadata.USER_ID, UUID.randomUUID().toString(), AuditMetadata.ROLE, "PATIENT"))));
        assertThat(signed.isExceptional()).as("%s", signed).isFalse();
        assertThat(handled).hasValue(1);
    }

    private static CommandResultMessage<?> dispatch(org.axonframework.commandhandling.CommandBus bus,
                                                    CommandMessage<?> command) throws Exception {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        bus.dispatch(command, callback);
        return callback.getResult(5, TimeUnit.SECONDS);
    }

    private CommandResultMessage<?> dispatch() throws Exception {
        var bus = CommandBusConfig.localBus(AsynchronousCommandBus.builder().executor(Runnable::run), locks,
                transactions, List.of());
        bus.subscribe(RequestAppointmentCommand.class.getName(), command -> {
            // The repositories' own acquisition, inside the transaction: reentrant, so immediate.
            locks.obtainLock(booking.doctorId().toString()).release();
            return "booked";
        });
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(booking), callback);
        return callback.getResult(5, TimeUnit.SECONDS);
    }

    /** Another thread may take the lock at once only if nobody holds it. */
    private boolean heldByAnotherThread(String aggregateId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                locks.obtainLock(aggregateId).release();
                return false;
            } catch (LockAcquisitionFailedException held) {
                return true;
            }
        }).join();
    }

    private static final class RecordingTransactions implements TransactionManager {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger committed = new AtomicInteger();
        Runnable onStart = () -> {
        };

        @Override
        public Transaction startTransaction() {
            started.incrementAndGet();
            onStart.run();
            return new Transaction() {
                @Override
                public void commit() {
                    committed.incrementAndGet();
                }

                @Override
                public void rollback() {
                }
            };
        }
    }
}
