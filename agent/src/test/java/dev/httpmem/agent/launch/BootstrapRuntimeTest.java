package dev.httpmem.agent.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.agent.runtime.Exchanges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/**
 * The packages {@link BootstrapRuntime} copies to the bootstrap class path must run there: what their code uses
 * (superclasses, and the owners of every field, method, type and constant their instructions name) is theirs or
 * the JDK's, for the bootstrap loader sees nothing else. A call into the schema module (constants are compiled in,
 * calls are not) once left the jdkhttp stack without a single exchange.
 */
class BootstrapRuntimeTest {
    private static final List<String> COPIED = List.of("dev/httpmem/agent/runtime/", "dev/httpmem/agent/events/");
    /** The JDK's packages the runtime uses (java.base, jdk.jfr, java.management, jdk.management). */
    private static final List<String> JDK = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

    @Test
    void theCopiedPackagesUseOnlyThemselvesAndTheJdk() throws Exception {
        Path classes = Paths.get(Exchanges.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> outside = new TreeSet<>();
        int read = 0;
        for (String copied : COPIED) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(classes.resolve(copied))) {
                files = walk.filter(f -> f.toString().endsWith(".class")).toList();
            }
            for (Path file : files) {
                read++;
                for (String used : usedTypes(file)) {
                    boolean allowed = COPIED.stream().anyMatch(used::startsWith) || JDK.stream().anyMatch(used::startsWith);
                    if (!allowed) {
                        outside.add(classes.relativize(file) + " uses " + used);
                    }
                }
            }
        }
        assertTrue(read > 20, "read " + read + " classes under " + classes);
        assertEquals(Set.of(), outside);
    }

    /** Internal names of the classes a class file's superclass, interfaces and instructions name. */
    private static Set<String> usedTypes(Path file) throws IOException {
        Set<String> used = new TreeSet<>();
        try (InputStream in = Files.newInputStream(file)) {
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                                  String[] interfaces) {
                    if (superName != null) {
                        used.add(superName);
                    }
                    used.addAll(List.of(interfaces));
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                            addOwner(used, owner);
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                            addOwner(used, owner);
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            addOwner(used, type);
                        }

                        @Override
                        public void visitLdcInsn(Object value) {
                            if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                                used.add(type.getInternalName());
                            }
                        }

                        @Override
                        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                            if (type != null) {
                                used.add(type);
                            }
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... args) {
                            addOwner(used, bootstrap.getOwner());
                            for (Object arg : args) {
                                if (arg instanceof Handle handle) {
                                    addOwner(used, handle.getOwner());
                                }
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
        }
        return used;
    }

    /** An owner may be an array type's descriptor: its element type is what is used. */
    private static void addOwner(Set<String> used, String owner) {
        if (owner.startsWith("[")) {
            Type element = Type.getType(owner).getElementType();
            if (element.getSort() == Type.OBJECT) {
                used.add(element.getInternalName());
            }
        } else {
            used.add(owner);
        }
    }
}
