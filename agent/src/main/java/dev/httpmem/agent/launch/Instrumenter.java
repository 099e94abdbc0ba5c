package dev.httpmem.agent.launch;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.httpmem.agent.runtime.AgentCounters;
import dev.httpmem.agent.runtime.AgentLog;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.LandmarkGate;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.Stacks;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/** Wires every enabled stack's type instrumentations into one Byte Buddy agent. */
final class Instrumenter {
    private Instrumenter() {}

    static void install(Instrumentation instrumentation, List<StackInstrumentation> stacks) throws Exception {
        // The builder's default initialization strategy (replaced by NoOp below) looks for Byte Buddy's nexus as the
        // builder is made, which reaches for sun.misc.Unsafe: from JDK 24 the JVM then prints a four-line warning into
        // the application's output. Relocated with Byte Buddy, the property is the agent's alone.
        System.setProperty(Nexus.PROPERTY, "true");
        Advice.ExceptionHandler countSuppressed = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                new MethodDescription.ForLoadedMethod(AgentCounters.class.getMethod("suppressed", Throwable.class))));
        UninstrumentedStackWatch uninstrumented = new UninstrumentedStackWatch(
                stacks.stream().map(StackInstrumentation::name).collect(Collectors.toSet()), String.join(", ", Stacks.names()));
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // Classes loaded when attached are described from their class files too: reflecting on one loads
                // the classes its members name (HttpConnection's HttpStreamOverHTTP1) while the transformer runs,
                // which then go uninstrumented.
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureLog())
                .with(new AgentWork())
                .with(uninstrumented)
                // By name alone, as every stack's types are matched: a matcher that reads a class's modifiers (Byte
                // Buddy's default ignores synthetic classes) has every class the application loads parsed from its
                // class file, which cost a client of 1,000 requests 0.9 s of its 5.5 s of CPU. The JDK's generated
                // classes (reflection accessors, proxies, method handle species) have no class file to describe.
                .ignore(nameStartsWith("dev.httpmem.").or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("jdk.internal.reflect.Generated")).or(nameStartsWith("java.lang.invoke."))
                        .or(nameStartsWith("jdk.proxy")).or(nameStartsWith("com.sun.proxy.")))
                // Advice in a JDK module calls the runtime in the bootstrap loader's unnamed module, which named
                // modules do not read by default; other modules read it already.
                .assureReadEdgeTo(instrumentation, Exchanges.class);
        RelocatedAdvice relocatedAdvice = new RelocatedAdvice(Instrumenter.class.getClassLoader());
        VirtualThreadAllocation.install(instrumentation, relocatedAdvice);
        ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(Instrumenter.class.getClassLoader());
        for (StackInstrumentation stack : stacks) {
            LandmarkGate gate = new LandmarkGate(stack, new HelperInjector(stack, agentClasses));
            for (TypeInstrumentation type : stack.typeInstrumentations()) {
                // Advice is described from class files, never loaded or reflected on here: reflecting would load
                // the stack's classes, possibly the very class being transformed.
                AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
                        .include(Instrumenter.class.getClassLoader())
                        .include(relocatedAdvice)
                        .withExceptionHandler(countSuppressed);
                for (TypeInstrumentation.AdviceBinding binding : type.advice()) {
                    List<Relocation> relocations = HelperInjector.relocations(stack.helpers(), binding.relocation());
                    String adviceClass = relocations.isEmpty()
                            ? binding.advice().getName() : relocatedAdvice.add(binding.advice(), relocations);
                    advice = advice.advice(binding.methods(), adviceClass);
                }
                builder = builder.type(type.typeMatcher(), gate).transform(advice);
            }
        }
        builder.installOn(instrumentation);
        uninstrumented.loaded(instrumentation.getAllLoadedClasses());
    }

    /**
     * Transforming a class happens on the thread that loads it, often inside an exchange's slice at the class's
     * first use (Byte Buddy's type pool and ASM allocate a few hundred KiB a class): that work is the agent's own.
     */
    private static final class AgentWork extends AgentBuilder.Listener.Adapter {
        @Override
        public void onDiscovery(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
            Slices.agentWorkBegins();
        }

        @Override
        public void onComplete(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
            Slices.agentWorkEnds();
        }
    }

    /** An advice that cannot be applied leaves the class as it was; say so once per class. */
    private static final class FailureLog extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable error) {
            if (error instanceof TypePool.Resolution.NoSuchTypeException) {
                // A class made at run time, with no class file: none that a stack's advice targets.
                AgentLog.debug("not described, so not instrumented: " + typeName);
            } else {
                AgentLog.info("could not instrument " + typeName + ": " + error);
            }
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            AgentLog.debug("instrumented " + type.getName());
        }
    }
}
