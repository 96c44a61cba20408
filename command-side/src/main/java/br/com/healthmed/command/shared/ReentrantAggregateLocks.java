package br.com.healthmed.command.shared;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Bounded aggregate locks that a thread already holding one re-enters without asking the bounded factory again.
 * <p>
 * Axon's {@code PessimisticLockFactory} checks its queue bound before it checks who holds the lock, so once the queue
 * of a busy aggregate was full, a booking that had taken the doctor's lock before its transaction
 * ({@link AggregateLockingInterceptor}) was refused that same lock by the repository: its turn was wasted as a 503
 * and the cached doctor evicted (found by the rush benchmark, docs/performance.md). Here the holder's second request
 * never reaches the queue.
 * <p>
 * A unit of work runs on one thread from the interceptors to its clean-up, which releases its locks, so the locks a
 * thread holds are known without any shared state.
 */
public final class ReentrantAggregateLocks implements LockFactory {

    private final LockFactory bounded;
    private final ThreadLocal<Map<String, Holding>> heldByThisThread = ThreadLocal.withInitial(HashMap::new);

    public ReentrantAggregateLocks(LockFactory bounded) {
        this.bounded = bounded;
    }

    @Override
    public Lock obtainLock(String identifier) {
        Map<String, Holding> held = heldByThisThread.get();
        Holding holding = held.get(identifier);
        if (holding == null) {
            holding = new Holding(identifier, bounded.obtainLock(identifier), held);
            held.put(identifier, holding);
        }
        holding.count++;
        return new Handle(holding);
    }

    /** One lock of the bounded factory and how many handles of this thread share it. */
    private static final class Holding {

        private final String identifier;
        private final Lock lock;
        private final Map<String, Holding> owner;
        private int count;

        private Holding(String identifier, Lock lock, Map<String, Holding> owner) {
            this.identifier = identifier;
            this.lock = lock;
            this.owner = owner;
        }

        private void releaseOne() {
            if (--count == 0) {
                owner.remove(identifier);
                lock.release();
            }
        }
    }

    /** What one {@link #obtainLock} returns: released once, the shared lock when the last handle goes. */
    private static final class Handle implements Lock {

        private final Holding holding;
        private boolean released;

        private Handle(Holding holding) {
            this.holding = holding;
        }

        @Override
        public void release() {
            if (!released) {
                released = true;
                holding.releaseOne();
            }
        }

        @Override
        public boolean isHeld() {
            return !released && holding.lock.isHeld();
        }
    }
}
