package dev.httpmem.agent.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Reads a private field of a stack class that advice inlined elsewhere cannot see, found by the declaring class's
 * name so that advice never links against a class the application may not have. The field is read from objects of
 * that class and of its subclasses; objects of other classes read as themselves.
 */
public final class FieldReader {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private final String className;
    private final String fieldName;
    private final ClassValue<MethodHandle> getters = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return getter(type);
        }
    };

    public FieldReader(String className, String fieldName) {
        this.className = className;
        this.fieldName = fieldName;
    }

    /** The field's value if {@code target} is of the named class or a subclass, else {@code target}. */
    public Object readOrSelf(Object target) throws Throwable {
        if (target == null) {
            return null;
        }
        MethodHandle getter = getters.get(target.getClass());
        return getter == null ? target : (Object) getter.invokeExact(target);
    }

    private MethodHandle getter(Class<?> type) {
        Class<?> declaring = type;
        while (declaring != null && !declaring.getName().equals(className)) {
            declaring = declaring.getSuperclass();
        }
        if (declaring == null) {
            return null;
        }
        try {
            Field field = declaring.getDeclaredField(fieldName);
            field.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(field).asType(GETTER);
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.info("cannot read " + className + "." + fieldName + ": " + e);
            return null;
        }
    }
}
