package br.com.healthmed.command.shared;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReentrantAggregateLocksTest {

    private static final String DOCTOR = "doctor-1";

    /** A thread of its own for every task, so that a lock left held by one test never blocks another's thread. */
    private static final Executor ONE_THREAD_EACH = task -> Thread.ofPlatform().daemon().start(task);

    @Test
    void the_holder_re_enters_its_lock_while_the_queue_is_full() throws Exception {
        PessimisticLockFactory bounded = PessimisticLockFactory.builder()
                .queueLengthThreshold(1).acquireAttempts(500).lockAttemptTimeout(10).build();
        ReentrantAggregateLocks locks = new ReentrantAggregateLocks(bounded);
        Lock taken = locks.obtainLock(DOCTOR);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> heldOnceObtained(bounded), ONE_THREAD_EACH);
        awaitQueueFull(bounded);

        Lock again = locks.obtainLock(DOCTOR);

        assertThat(again.isHeld()).isTrue();
        again.release();
        assertThat(taken.isHeld()).as("still held after the inner release").isTrue();
        assertThat(waiter).as("the waiter still waits").isNotDone();
        taken.release();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).as("the waiter gets the lock once the holder let go").isTrue();
    }

    @Test
    void others_get_the_lock_only_when_its_last_handle_is_released() throws Exception {
        PessimisticLockFactory impatient = impatient();
        ReentrantAggregateLocks locks = new ReentrantAggregateLocks(impatient);
        Lock outer = locks.obtainLock(DOCTOR);
        Lock inner = locks.obtainLock(DOCTOR);
        inner.release();
        inner.release(); // a second release of the same handle changes nothing

        assertThat(fromAnotherThread(() -> obtainable(impatient))).as("while the outer handle is held").isFalse();
        outer.release();
        assertThat(outer.isHeld()).isFalse();
        assertThat(fromAnotherThread(() -> obtainable(impatient))).as("after the last release").isTrue();
    }

    @Test
    void a_refused_request_leaves_nothing_that_a_later_one_could_mistake_for_a_held_lock() throws Exception {
        PessimisticLockFactory impatient = impatient();
        // Held for good by a thread of its own: a lock is released only by the thread that holds it.
        fromAnotherThread(() -> impatient.obtainLock(DOCTOR));
        ReentrantAggregateLocks locks = new ReentrantAggregateLocks(impatient);

        assertThatThrownBy(() -> locks.obtainLock(DOCTOR)).isInstanceOf(LockAcquisitionFailedException.class);
        assertThatThrownBy(() -> locks.obtainLock(DOCTOR)).isInstanceOf(LockAcquisitionFailedException.class);
    }

    private static PessimisticLockFactory impatient() {
        return PessimisticLockFactory.builder().acquireAttempts(1).lockAttemptTimeout(1).build();
    }

    /** Axon's factory refuses even the holder once a waiter is queued: poll until it does, at most 5 s. */
    private static void awaitQueueFull(LockFactory bounded) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                bounded.obtainLock(DOCTOR).release();
            } catch (LockAcquisitionFailedException queueFull) {
                return;
            }
            assertThat(System.nanoTime()).as("a waiter queued within 5 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static boolean heldOnceObtained(LockFactory factory) {
        Lock lock = factory.obtainLock(DOCTOR);
        boolean held = lock.isHeld();
        lock.release();
        return held;
    }

    private static boolean obtainable(LockFactory factory) {
        try {
            factory.obtainLock(DOCTOR).release();
            return true;
        } catch (LockAcquisitionFailedException busy) {
            return false;
        }
    }

    private static <T> T fromAnotherThread(Supplier<T> action) throws Exception {
        return CompletableFuture.supplyAsync(action, ONE_THREAD_EACH).get(5, TimeUnit.SECONDS);
    }
}
