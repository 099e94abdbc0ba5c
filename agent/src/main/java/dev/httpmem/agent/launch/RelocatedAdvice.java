package dev.httpmem.agent.launch;

import dev.httpmem.agent.stacks.Relocation;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * Advice classes rewritten for a {@link Relocation}: the stack's classes they name are renamed, and so is the advice
 * class itself, so that one advice written against a stack's own names can be woven into a relocated copy of the
 * stack beside the original. Advice is only ever inlined, never loaded, so the renamed class exists only here.
 */
final class RelocatedAdvice implements ClassFileLocator {
    private final ClassFileLocator agentClasses;
    /** Renamed advice class to its class file. */
    private final Map<String, byte[]> classFiles = new ConcurrentHashMap<>();

    RelocatedAdvice(ClassLoader agentLoader) {
        this.agentClasses = ClassFileLocator.ForClassLoader.of(agentLoader);
    }

    /** Makes {@code advice} renamed by {@code relocation} available here, and returns its name. */
    String add(Class<?> advice, Relocation relocation) throws IOException {
        String name = advice.getName() + "$relocated$" + relocation.to().replace('.', '_');
        // Advice several bindings share (Netty's ChannelWorkAdvice) is rewritten once.
        if (!classFiles.containsKey(name)) {
            classFiles.put(name, rewrite(agentClasses, advice.getName(), name, relocation));
        }
        return name;
    }

    /** The class file of {@code className} with the names {@code relocation} renames renamed, its own among them. */
    static byte[] renamed(ClassFileLocator classes, String className, Relocation relocation) throws IOException {
        return rewrite(classes, className, relocation.name(className), relocation);
    }

    private static byte[] rewrite(ClassFileLocator classes, String className, String newName, Relocation relocation)
            throws IOException {
        String ownInternal = internal(className);
        String newInternal = internal(newName);
        String fromInternal = internal(relocation.from());
        String toInternal = internal(relocation.to());
        Remapper remapper = new Remapper() {
            @Override
            public String map(String internalName) {
                if (internalName.equals(ownInternal)) {
                    return newInternal;
                }
                return internalName.startsWith(fromInternal) ? toInternal + internalName.substring(fromInternal.length()) : internalName;
            }
        };
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classes.locate(className).resolve()).accept(new ClassRemapper(writer, remapper), 0);
        return writer.toByteArray();
    }

    private static String internal(String name) {
        return name.replace('.', '/');
    }

    @Override
    public Resolution locate(String name) {
        byte[] classFile = classFiles.get(name);
        return classFile == null ? new Resolution.Illegal(name) : new Resolution.Explicit(classFile);
    }

    @Override
    public void close() {
        // Nothing held open: the class files are in memory.
    }
}
