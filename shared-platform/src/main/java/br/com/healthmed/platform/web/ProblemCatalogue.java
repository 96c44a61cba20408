package br.com.healthmed.platform.web;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The answers an operation can give, read from the code instead of written beside it (ADR 0017): for every exception
 * type an operation declares (each side's {@code Rejects}), sample instances are handed to the exception handler
 * Spring MVC would pick (the controller's own, then the advices'), and the status, {@code code} and
 * {@code Retry-After} of what it returns are recorded. A type whose code depends on a constructor argument (an enum)
 * is sampled once per constant. Both APIs' {@link OperationContract} use it.
 */
public final class ProblemCatalogue {

    /** One documented refusal: status, stable code, whether the answer carries Retry-After, and a sample detail. */
    public record Answer(int status, String code, boolean retryAfter, String detail) {
    }

    private final List<ControllerAdviceBean> advices;
    private final ApplicationContext context;

    public ProblemCatalogue(ApplicationContext context) {
        this.context = context;
        this.advices = ControllerAdviceBean.findAnnotatedBeans(context);
    }

    /** The answers of a handler of {@code controllerType} to every sample of {@code types}, in a stable order. */
    public Set<Answer> answersTo(Class<?> controllerType, List<Class<? extends Throwable>> types) {
        Set<Answer> answers = new LinkedHashSet<>();
        for (Class<? extends Throwable> type : types) {
            for (Throwable sample : samples(type)) {
                answers.add(answerTo(controllerType, sample));
            }
        }
        return answers;
    }

    /** What the exception handler Spring MVC would pick for a handler of {@code controllerType} answers to {@code failure}. */
    public Answer answerTo(Class<?> controllerType, Throwable failure) {
        Method local = new ExceptionHandlerMethodResolver(controllerType).resolveMethodByThrowable(failure);
        if (local != null) {
            return answer(context.getBean(controllerType), local, failure);
        }
        for (ControllerAdviceBean advice : advices) {
            if (advice.getBeanType() != null && advice.isApplicableToBeanType(controllerType)) {
                Method method = new ExceptionHandlerMethodResolver(advice.getBeanType()).resolveMethodByThrowable(failure);
                if (method != null) {
                    return answer(advice.resolveBean(), method, failure);
                }
            }
        }
        throw new IllegalStateException("no exception handler answers " + failure.getClass().getName());
    }

    private Answer answer(Object bean, Method method, Throwable failure) {
        Object[] arguments = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (types[i].isInstance(failure)) {
                arguments[i] = failure;
            } else if (types[i] == HttpServletRequest.class) {
                arguments[i] = RouteSecurity.sampleRequest(RouteSecurity.servletContextOf(context), "POST", "/");
            } else if (types[i] == WebRequest.class) {
                arguments[i] = new ServletWebRequest(RouteSecurity.sampleRequest(RouteSecurity.servletContextOf(context), "POST", "/"));
            }
        }
        Object result = invoke(bean, method, arguments);
        if (!(result instanceof ResponseEntity<?> response) || !(response.getBody() instanceof ProblemDetail problem)
                || problem.getProperties() == null || !(problem.getProperties().get("code") instanceof String code)) {
            throw new IllegalStateException(method + " does not answer a problem document with a code");
        }
        return new Answer(response.getStatusCode().value(), code, response.getHeaders().containsKey(HttpHeaders.RETRY_AFTER),
                problem.getDetail());
    }

    /** A record (a command, say) with a random typed id in each id component and nothing in the others. */
    public static <R extends Record> R sampleRecord(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = randomId(types[i]);
        }
        try {
            return type.cast(construct(type.getDeclaredConstructor(types), values));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object randomId(Class<?> type) {
        try {
            Method random = type.getMethod("random");
            return Modifier.isStatic(random.getModifiers()) ? random.invoke(null) : null;
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Instances of {@code type} made the way the code makes them: through its non-private constructors, or, when it
     * has none, its static factory methods; once per combination of enum arguments, placeholders for the rest.
     */
    public static List<Throwable> samples(Class<? extends Throwable> type) {
        List<Executable> makers = new ArrayList<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (!Modifier.isPrivate(constructor.getModifiers())) {
                makers.add(constructor);
            }
        }
        if (makers.isEmpty()) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isStatic(method.getModifiers()) && type.isAssignableFrom(method.getReturnType())) {
                    makers.add(method);
                }
            }
        }
        if (makers.isEmpty()) {
            throw new IllegalStateException(type.getName() + " has no constructor or factory to sample");
        }
        List<Throwable> samples = new ArrayList<>();
        for (Executable maker : makers) {
            for (Object[] arguments : argumentSets(maker.getParameterTypes(), 0)) {
                samples.add(type.cast(maker instanceof Constructor<?> constructor
                        ? construct(constructor, arguments)
                        : invoke(null, (Method) maker, arguments)));
            }
        }
        return samples;
    }

    private static List<Object[]> argumentSets(Class<?>[] types, int from) {
        if (from == types.length) {
            List<Object[]> one = new ArrayList<>();
            one.add(new Object[types.length]);
            return one;
        }
        List<Object[]> sets = new ArrayList<>();
        for (Object value : valuesFor(types[from])) {
            for (Object[] rest : argumentSets(types, from + 1)) {
                rest[from] = value;
                sets.add(rest);
            }
        }
        return sets;
    }

    private static List<?> valuesFor(Class<?> type) {
        if (type.isEnum()) {
            return List.of(type.getEnumConstants());
        }
        List<Object> one = new ArrayList<>(1);
        one.add(placeholder(type));
        return one;
    }

    private static Object placeholder(Class<?> type) {
        if (type == String.class) {
            return "sample";
        } else if (type == Duration.class) {
            return Duration.ofMinutes(30);
        } else if (type == int.class || type == Integer.class) {
            return 1;
        } else if (type == long.class || type == Long.class) {
            return 1L;
        } else if (type == boolean.class || type == Boolean.class) {
            return false;
        } else if (type == UUID.class) {
            return new UUID(0, 0);
        } else if (Throwable.class.isAssignableFrom(type)) {
            return new RuntimeException("sample");
        } else if (type == List.class || type == Collection.class) {
            return List.of();
        } else if (type == Map.class) {
            return Map.of();
        }
        return randomId(type);
    }

    private static Object construct(Constructor<?> constructor, Object[] arguments) {
        try {
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot sample " + constructor, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot sample " + constructor, e);
        }
    }

    private static Object invoke(Object target, Method method, Object... arguments) {
        try {
            method.setAccessible(true);
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot call " + method, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
    }
}
