package br.com.healthmed.command.web;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.doctor.SlotUnavailableException;
import br.com.healthmed.command.shared.RejectionWrappingInterceptor;
import br.com.healthmed.command.shared.TranslatingCommandBus;
import io.axoniq.axonserver.grpc.ErrorMessage;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.ErrorCode;
import org.axonframework.axonserver.connector.command.AxonServerRemoteCommandHandlingException;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.axonserver.connector.util.ExceptionSerializer;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A command's failure must get the same HTTP answer whether the handler ran in this process or on another node behind
 * Axon Server. The remote shapes are made the way Axon 4.13 makes them: the handling node's result goes through
 * {@link CommandSerializer#serialize(CommandResultMessage, String)} (error code from
 * {@link ErrorCode#getCommandExecutionErrorCode}, texts from {@link ExceptionSerializer}, our details as payload) and
 * comes back through {@link CommandSerializer#deserialize(CommandResponse)}, exactly as AxonServerCommandBus does.
 */
class CommandFailureTranslationTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();
    private static final CommandSerializer AXON_SERVER_WIRE = new CommandSerializer(SERIALIZER, new AxonServerConfiguration());

    private final DoctorId doctorId = new DoctorId(UUID.randomUUID());
    private final RequestAppointmentCommand booking = new RequestAppointmentCommand(AppointmentId.random(), doctorId,
            SlotId.random(), new PatientId(UUID.randomUUID()));

    @Test
    void a_business_rejection_keeps_its_code_on_both_buses() throws Exception {
        Supplier<Throwable> rejection = SlotUnavailableException::new;
        assertAnswer(local(inHandler(rejection)), 409, "slot-unavailable");
        assertAnswer(remote(inHandler(rejection)), 409, "slot-unavailable");
    }

    @Test
    void a_conflict_at_commit_on_the_jdbc_store_is_409_concurrent_modification_on_both_buses() throws Exception {
        Supplier<Throwable> duplicateSequence = () -> new ConcurrencyException(
                "An event for aggregate [" + doctorId + "] at sequence [7] was already inserted");
        assertAnswer(local(atCommit(duplicateSequence)), 409, "concurrent-modification");
        assertAnswer(remote(atCommit(duplicateSequence)), 409, "concurrent-modification");
    }

    @Test
    void a_conflict_on_a_stream_the_unit_of_work_opened_is_409_concurrent_modification_on_both_buses() throws Exception {
        // What the JDBC engine throws when the batch's first event has sequence 0 (a new day schedule) and a key exists.
        Supplier<Throwable> streamTaken = () -> new AggregateStreamCreationException(
                "Cannot reuse aggregate identifier [" + doctorId + ":2030-01-08] to create aggregate [DaySchedule]");
        assertAnswer(local(atCommit(streamTaken)), 409, "concurrent-modification");
        assertAnswer(remote(atCommit(streamTaken)), 409, "concurrent-modification");
    }

    @Test
    void a_conflict_at_commit_on_axon_server_is_409_concurrent_modification() throws Exception {
        // What AxonServerEventStore throws when the server refuses an append (AXONIQ-2000).
        Supplier<Throwable> invalidSequence = () -> ErrorCode.INVALID_EVENT_SEQUENCE.convert(ErrorMessage.newBuilder()
                .setErrorCode(ErrorCode.INVALID_EVENT_SEQUENCE.errorCode())
                .setMessage("Invalid sequence number 7 for aggregate " + doctorId + ", expected 8")
                .setLocation("axonserver-0").build());
        assertThat(invalidSequence.get()).isInstanceOf(ConcurrencyException.class);
        assertAnswer(local(atCommit(invalidSequence)), 409, "concurrent-modification");
        assertAnswer(remote(atCommit(invalidSequence)), 409, "concurrent-modification");
    }

    @Test
    void a_remote_failure_without_details_never_leaks_and_is_a_500() throws Exception {
        Throwable remote = remote(inHandler(() -> new IllegalStateException("secret internals")));
        assertThat(remote).isInstanceOf(CommandExecutionException.class)
                .hasCauseInstanceOf(AxonServerRemoteCommandHandlingException.class);
        MvcResult answer = answer(remote);
        assertThat(answer.getResponse().getStatus()).isEqualTo(500);
        assertThat(answer.getResponse().getContentAsString()).contains("internal-error").doesNotContain("secret");
    }

    @Test
    void the_shape_axon_server_gives_a_concurrency_error_code_is_409() throws Exception {
        // AXONIQ-4004, which ErrorCode turns into a ConcurrencyException wrapping the remote description.
        Throwable remote = ErrorCode.CONCURRENCY_EXCEPTION.convert(ExceptionSerializer.serialize("command-side-2",
                new ConcurrencyException("An event for aggregate [x] at sequence [1] was already inserted")));
        assertThat(remote).isInstanceOf(ConcurrencyException.class)
                .hasCauseInstanceOf(AxonServerRemoteCommandHandlingException.class);
        assertAnswer(remote, 409, "concurrent-modification");
    }

    @Test
    void a_missing_target_aggregate_is_404_with_its_type_and_another_missing_aggregate_is_404_not_found() throws Exception {
        assertAnswer(remote(inHandler(() -> new AggregateNotFoundException(doctorId.toString(), "not found"))),
                404, "doctor-not-found");
        assertAnswer(local(inHandler(() -> new AggregateNotFoundException(doctorId.toString(), "not found"))),
                404, "doctor-not-found");
        assertAnswer(remote(inHandler(() -> new AggregateNotFoundException(UUID.randomUUID().toString(), "not found"))),
                404, "not-found");
    }

    @Test
    void an_id_of_another_kind_of_aggregate_is_404_for_the_commands_target_type() throws Exception {
        assertAnswer(local(inHandler(() -> new IncompatibleAggregateException("Aggregate identifier must be non-null"))),
                404, "doctor-not-found");
        assertAnswer(remote(inHandler(() -> new IncompatibleAggregateException("Aggregate identifier must be non-null"))),
                404, "doctor-not-found");
    }

    @Test
    void a_saturated_aggregate_is_503_resource_busy_with_retry_after_on_both_buses() throws Exception {
        Supplier<Throwable> saturated = () -> new LockAcquisitionFailedException(
                "Failed to acquire lock for identifier " + doctorId + ": too many queued threads.");
        MvcResult local = assertAnswer(local(inHandler(saturated)), 503, "resource-busy");
        MvcResult remote = assertAnswer(remote(inHandler(saturated)), 503, "resource-busy");
        assertThat(local.getResponse().getHeader("Retry-After")).isEqualTo("1");
        assertThat(remote.getResponse().getHeader("Retry-After")).isEqualTo("1");
    }

    @Test
    void a_non_transient_remote_failure_with_details_is_translated_by_its_details() throws Exception {
        CommandResultMessage<?> handled = handle(inHandler(SlotUnavailableException::new));
        CommandResponse response = AXON_SERVER_WIRE.serialize(handled, "request-1").toBuilder()
                .setErrorCode(ErrorCode.COMMAND_EXECUTION_NON_TRANSIENT_ERROR.errorCode()).build();
        assertAnswer(AXON_SERVER_WIRE.deserialize(response).exceptionResult(), 409, "slot-unavailable");
    }

    @Test
    void no_node_handling_the_command_is_503_with_retry_after() throws Exception {
        Throwable remote = ErrorCode.NO_HANDLER_FOR_COMMAND.convert(ErrorMessage.newBuilder()
                .setErrorCode(ErrorCode.NO_HANDLER_FOR_COMMAND.errorCode())
                .setMessage("No Handler for command: " + RequestAppointmentCommand.class.getName()).build());
        MvcResult answer = assertAnswer(remote, 503, "service-unavailable");
        assertThat(answer.getResponse().getHeader("Retry-After")).isNotBlank();
    }

    @Test
    void a_wait_that_ran_out_is_503_command_outcome_unknown_with_retry_after() throws Exception {
        Throwable timeout = new CommandOutcomeUnknownException(Duration.ofSeconds(15),
                new CommandExecutionException("An exception occurred while executing a command", new TimeoutException()));
        MvcResult answer = assertAnswer(timeout, 503, "command-outcome-unknown");
        assertThat(answer.getResponse().getHeader("Retry-After")).isEqualTo("2");
    }

    /** A handler step that throws while the command is handled, inside every interceptor. */
    private static HandlerStep inHandler(Supplier<Throwable> failure) {
        return () -> {
            throw failure.get();
        };
    }

    /** A handler step that succeeds, but whose commit fails after every interceptor has returned (an event append). */
    private static HandlerStep atCommit(Supplier<Throwable> failure) {
        return () -> CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> {
            Throwable thrown = failure.get();
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(thrown);
        });
    }

    @FunctionalInterface
    private interface HandlerStep {
        void run() throws Throwable;
    }

    /** The command handled by the command side's own bus, as on the node that owns the handler. */
    private CommandResultMessage<?> handle(HandlerStep step) throws Exception {
        TranslatingCommandBus bus = TranslatingCommandBus.create(AsynchronousCommandBus.builder().executor(Runnable::run));
        bus.registerHandlerInterceptor(new RejectionWrappingInterceptor());
        bus.subscribe(RequestAppointmentCommand.class.getName(), command -> {
            try {
                step.run();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            return null;
        });
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(booking), callback);
        CommandResultMessage<?> result = callback.getResult(5, TimeUnit.SECONDS);
        assertThat(result.isExceptional()).as("the step must fail").isTrue();
        return result;
    }

    /** What the gateway throws on this node. */
    private Throwable local(HandlerStep step) throws Exception {
        return handle(step).exceptionResult();
    }

    /** What the gateway throws on the dispatching node once the result has crossed Axon Server. */
    private Throwable remote(HandlerStep step) throws Exception {
        CommandResponse onTheWire = AXON_SERVER_WIRE.serialize(handle(step), "request-1");
        return AXON_SERVER_WIRE.deserialize(onTheWire).exceptionResult();
    }

    private static MvcResult assertAnswer(Throwable failure, int status, String code) throws Exception {
        MvcResult answer = answer(failure);
        assertThat(answer.getResponse().getStatus()).as("status for %s", failure).isEqualTo(status);
        assertThat(answer.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(answer.getResponse().getContentAsString()).contains("\"code\":\"" + code + "\"");
        return answer;
    }

    /** The answer the web layer gives when a controller's command fails with {@code failure}. */
    private static MvcResult answer(Throwable failure) throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController(failure))
                .setControllerAdvice(new ProblemDetailsAdvice()).build();
        return mvc.perform(post("/fails")).andReturn();
    }

    @RestController
    static class FailingController {
        private final Throwable failure;

        FailingController(Throwable failure) {
            this.failure = failure;
        }

        @PostMapping("/fails")
        HttpStatus fail() throws Throwable {
            throw failure;
        }
    }
}
