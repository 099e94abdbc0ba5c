package dev.httpmem.analysis.attribution;

import dev.httpmem.analysis.read.Events;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;

/**
 * The reference chain of a {@code jdk.OldObjectSample}, root first:
 * {@code static Leak.RETAINED → java.util.ArrayList.elementData → java.lang.Object[] [412] → byte[]}.
 * The JDK writes the chain leaf first, each object with the reference (field or array slot) that its referrer
 * holds it by. A chain through a static field starts there: what holds the class is rarely the question.
 * Without one it starts with the GC root, e.g. {@code [Threads: Stack variable]}. {@code shape} is the path
 * without array indices: the samples of one leak differ only in their slot. {@code lasting} says whether the root
 * outlives the moment of the sample: a static field or a root outside threads does, while a thread's stack variable
 * or a JIT compiler thread's local JNI handle may hold an object only while it is touched, so the same leak's samples
 * can show a thread's root for a few of them.
 */
public record RootPath(String text, String shape, boolean lasting) {

    /** Whether the chain runs through a static field, where a leak most often hides, rather than from a GC root. */
    boolean throughStaticField() {
        return shape.startsWith(STATIC_FIELD);
    }
    static final RootPath NONE = new RootPath(
            "(no reference chain recorded; record with jdk.OldObjectSample#cutoff=infinity)", "", false);
    private static final String THREAD_ROOTS = "Threads";
    /** How a chain through a static field begins. */
    private static final String STATIC_FIELD = "static ";
    private static final String ARROW = " → ";
    private static final String CLASS_NAME = "Class Name: ";

    /**
     * The sample's chain, or null when it has none: the JDK found no path from a root to it (garbage not yet
     * collected) or searched for none (cutoff 0).
     */
    public static RootPath of(RecordedEvent sample) {
        RecordedObject leaf = sample.getValue("object");
        if (leaf == null) {
            return null;
        }
        List<String> steps = new ArrayList<>(); // leaf first
        List<String> shapes = new ArrayList<>();
        steps.add(Events.className(leaf.<RecordedClass>getValue("type")));
        shapes.add(steps.get(0));
        boolean reachedStatic = false;
        RecordedObject object = leaf;
        while (!reachedStatic) {
            RecordedObject reference = object.getValue("referrer");
            RecordedObject referrer = reference == null ? null : reference.getValue("object");
            if (referrer == null) {
                break;
            }
            int skipped = reference.getInt("skip");
            if (skipped > 0) {
                steps.add("… " + skipped + " more …");
                shapes.add("…");
            }
            RecordedObject field = reference.getValue("field");
            RecordedObject array = reference.getValue("array");
            if (field != null) {
                reachedStatic = Modifier.isStatic(field.getInt("modifiers"));
                String owner = reachedStatic ? STATIC_FIELD + staticOwner(referrer) : type(referrer);
                steps.add(owner + "." + field.getString("name"));
                shapes.add(steps.get(steps.size() - 1));
            } else if (array != null) {
                steps.add(type(referrer) + " [" + array.getInt("index") + "]");
                shapes.add(type(referrer) + " []");
            } else {
                steps.add(type(referrer));
                shapes.add(type(referrer));
            }
            object = referrer;
        }
        if (!reachedStatic && steps.size() == 1 && sample.getValue("root") == null) {
            return null;
        }
        boolean lasting = reachedStatic;
        if (!reachedStatic) {
            RecordedObject root = sample.getValue("root");
            lasting = root != null && !THREAD_ROOTS.equals(root.getString("system"));
            steps.add(root(root));
            shapes.add(steps.get(steps.size() - 1));
        }
        return new RootPath(rootFirst(steps), rootFirst(shapes), lasting);
    }

    private static String rootFirst(List<String> steps) {
        StringBuilder path = new StringBuilder();
        for (int i = steps.size() - 1; i >= 0; i--) {
            path.append(steps.get(i)).append(i > 0 ? ARROW : "");
        }
        return path.toString();
    }

    private static String type(RecordedObject object) {
        return Events.className(object.<RecordedClass>getValue("type"));
    }

    /** A static field's holder is the {@code java.lang.Class} object, described as "Class Name: X". */
    private static String staticOwner(RecordedObject classObject) {
        String description = classObject.getString("description");
        return description != null && description.startsWith(CLASS_NAME)
                ? description.substring(CLASS_NAME.length()) : type(classObject);
    }

    private static String root(RecordedObject root) {
        if (root == null) {
            return "[unknown root]";
        }
        String system = root.getString("system");
        String type = root.getString("type");
        String description = root.getString("description");
        StringBuilder text = new StringBuilder("[").append(system == null ? "unknown root" : system);
        if (type != null && !type.equals("<unknown>")) {
            text.append(": ").append(type);
        }
        if (description != null && !description.equals("N/A")) {
            text.append(" (").append(description).append(')');
        }
        return text.append(']').toString();
    }
}
