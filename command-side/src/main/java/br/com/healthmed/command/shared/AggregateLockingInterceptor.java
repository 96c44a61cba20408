package br.com.healthmed.command.shared;

import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the locks of the aggregates a command will touch <em>before</em> its transaction opens, so that a request
 * queued behind a busy aggregate waits without holding a database connection. The repositories share the same
 * {@link LockFactory}, whose locks are reentrant per thread: their own acquisition later, inside the transaction, is
 * immediate. Locks are released when the unit of work is cleaned up, after the transaction has committed or rolled
 * back.
 * <p>
 * The booking names all its aggregates up front in its lock order (Appointment, Doctor — only for a slot kept in the
 * doctor's own stream —, the slot's day schedule, Patient; see {@code AppointmentBooking}). Other commands name their target; an aggregate found only by loading
 * another one (the schedule a cancellation frees, the days a publication fills) is locked by its repository, inside
 * the transaction, keeping the same order.
 */
public class AggregateLockingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final LockFactory locks;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public AggregateLockingInterceptor(LockFactory locks) {
        this.locks = locks;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        List<Lock> held = new ArrayList<>();
        unitOfWork.onCleanup(u -> held.reversed().forEach(Lock::release));
        for (String aggregateId : lockOrder(unitOfWork.getMessage())) {
            held.add(locks.obtainLock(aggregateId));
        }
        return interceptorChain.proceed();
    }

    /** The aggregate identifiers the command will lock, in the order its handler locks them. */
    List<String> lockOrder(CommandMessage<?> command) {
        if (command.getPayload() instanceof RequestAppointmentCommand request) {
            List<String> ids = new ArrayList<>(4);
            if (request.appointmentId() != null) {
                ids.add(request.appointmentId().toString());
            }
            // A booking into a day schedule reads the doctor's terms without its lock (ADR 0018); a slot kept in the
            // doctor's own stream is held there.
            if (request.doctorId() != null && request.scheduleId() == null) {
                ids.add(request.doctorId().toString());
            }
            if (request.scheduleId() != null) {
                ids.add(request.scheduleId().toString());
            }
            if (request.patientId() != null) {
                ids.add(request.patientId().toString());
            }
            return ids;
        }
        try {
            return List.of(targets.resolveTarget(command).getIdentifier());
        } catch (IllegalArgumentException noTarget) {
            return List.of();
        }
    }
}
