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
        String adviceInternal = internal(advice.getName());
        String renamedInternal = internal(name);
        String fromInternal = internal(relocation.from());
        String toInternal = internal(relocation.to());
        Remapper remapper = new Remapper() {
            @Override
            public String map(String internalName) {
                if (internalName.equals(adviceInternal)) {
                    return renamedInternal;
                }
                return internalName.startsWith(fromInternal) ? toInternal + internalName.substring(fromInternal.length()) : internalName;
            }
        };
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(agentClasses.locate(advice.getName()).resolve()).accept(new ClassRemapper(writer, remapper), 0);
        classFiles.put(name, writer.toByteArray());
        return name;
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
