package br.com.healthmed.command.support;

import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.List;
import java.util.function.Consumer;

/**
 * Hamcrest matchers for the Axon fixtures that run AssertJ assertions, for results the fixture cannot compare by
 * equality (fresh slot ids, sealed values that differ on every sealing), keeping AssertJ's failure messages.
 */
public final class Satisfies {

    private Satisfies() {
    }

    /** The payloads of the events the command published. */
    public static Matcher<List<EventMessage<?>>> eventPayloads(Consumer<List<Object>> assertions) {
        return new AssertionMatcher<>(events -> assertions.accept(events.stream().<Object>map(EventMessage::getPayload).toList()));
    }

    public static <T> Matcher<T> value(Consumer<T> assertions) {
        return new AssertionMatcher<>(assertions);
    }

    private static final class AssertionMatcher<T> extends TypeSafeDiagnosingMatcher<T> {

        private final Consumer<T> assertions;

        private AssertionMatcher(Consumer<T> assertions) {
            this.assertions = assertions;
        }

        @Override
        protected boolean matchesSafely(T item, Description mismatch) {
            try {
                assertions.accept(item);
                return true;
            } catch (AssertionError e) {
                mismatch.appendText(e.getMessage());
                return false;
            }
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("a value passing the assertions");
        }
    }
}
