package dev.httpmem.agent.launch;

import dev.httpmem.agent.stacks.Relocation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * Advice classes rewritten for {@link Relocation}s: the classes they name are renamed (a stack's classes into a
 * relocated copy of the stack, the stack's helpers into the stack's package), and so is the advice class itself, so
 * that one advice written against a stack's own names can be woven into a relocated copy of the stack beside the
 * original. Advice is only ever inlined, never loaded, so the renamed class exists only here.
 */
final class RelocatedAdvice implements ClassFileLocator {
    private final ClassFileLocator agentClasses;
    /** Renamed advice class to its class file. */
    private final Map<String, byte[]> classFiles = new ConcurrentHashMap<>();

    RelocatedAdvice(ClassLoader agentLoader) {
        this.agentClasses = ClassFileLocator.ForClassLoader.of(agentLoader);
    }

    /** Makes {@code advice} renamed by {@code relocations} available here, and returns its name. */
    String add(Class<?> advice, List<Relocation> relocations) throws IOException {
        String name = advice.getName() + "$relocated$"
                + relocations.stream().map(r -> r.to().replace('.', '_')).collect(Collectors.joining("$"));
        // Advice several bindings share (Netty's ChannelWorkAdvice) is rewritten once.
        if (!classFiles.containsKey(name)) {
            classFiles.put(name, rewrite(agentClasses, advice.getName(), name, relocations));
        }
        return name;
    }

    /**
     * The class file of {@code className} with the names {@code relocations} rename renamed, its own among them:
     * each name by the first relocation whose package it is in.
     */
    static byte[] renamed(ClassFileLocator classes, String className, List<Relocation> relocations) throws IOException {
        return rewrite(classes, className, name(className, relocations), relocations);
    }

    /** {@code className} renamed by the first of {@code relocations} whose package it is in. */
    static String name(String className, List<Relocation> relocations) {
        for (Relocation relocation : relocations) {
            String renamed = relocation.name(className);
            if (!renamed.equals(className)) {
                return renamed;
            }
        }
        return className;
    }

    private static byte[] rewrite(ClassFileLocator classes, String className, String newName, List<Relocation> relocations)
            throws IOException {
        String ownInternal = internal(className);
        String newInternal = internal(newName);
        Remapper remapper = new Remapper(Opcodes.ASM9) {
            @Override
            public String map(String internalName) {
                return internalName.equals(ownInternal) ? newInternal
                        : internal(name(internalName.replace('/', '.'), relocations));
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
