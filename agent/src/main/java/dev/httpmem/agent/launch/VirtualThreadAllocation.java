package dev.httpmem.agent.launch;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.AgentLog;
import dev.httpmem.agent.runtime.AllocationMeter;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.vthread.VirtualThreadAdvice;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.utility.JavaModule;

/**
 * Counts what virtual threads allocate (JDK 21+), which HotSpot does not: its per-thread counter reads -1 on one,
 * and servers that run requests on virtual threads (Helidon 4; Tomcat, Jetty or Spring Boot with virtual threads
 * on) would otherwise show their exchanges allocating nothing.
 *
 * <p>A virtual thread allocates through its carrier, whose counter the JDK's own native method reads for the
 * current platform thread. The clock ({@code vthread.HttpmemVirtualThreadClock}) is defined in {@code java.lang},
 * where {@code VirtualThread}'s code can see it, and advice on {@code VirtualThread}'s {@code mount()} and
 * {@code unmount()} tells it when a thread gets on and off a carrier, so that it adds up the carrier's counter over
 * the spans the thread was mounted. java.lang is opened to the agent (to define the clock there) and sun.management
 * to java.base (for the clock to call the counter), through {@link Instrumentation#redefineModule}, which makes the
 * JVM print nothing.
 */
final class VirtualThreadAllocation {
    private static final int FIRST_FEATURE = 21;
    private static final String CLOCK = "dev.httpmem.agent.vthread.HttpmemVirtualThreadClock";
    private static final Relocation INTO_JAVA_LANG = new Relocation("dev.httpmem.agent.vthread.", "java.lang.");

    private VirtualThreadAllocation() {}

    static void install(Instrumentation instrumentation, RelocatedAdvice relocatedAdvice) {
        if (Runtime.version().feature() < FIRST_FEATURE) {
            return;
        }
        try {
            Module agent = VirtualThreadAllocation.class.getModule();
            Module base = Object.class.getModule();
            Module management = ManagementFactory.class.getModule();
            // java.lang for the agent to define the clock there; sun.management for the clock to call the counter.
            instrumentation.redefineModule(base, Set.of(management), Map.of(),
                    Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
            instrumentation.redefineModule(management, Set.of(), Map.of(),
                    Map.of("sun.management", Set.of(base)), Set.of(), Map.of());
            ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(VirtualThreadAllocation.class.getClassLoader());
            Class<?> clock = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .defineClass(RelocatedAdvice.renamed(agentClasses, CLOCK, List.of(INTO_JAVA_LANG)));
            MethodHandles.Lookup inClock = MethodHandles.privateLookupIn(clock, MethodHandles.lookup());
            new AgentBuilder.Default()
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                    .with(new AgentBuilder.Listener.Adapter() {
                        @Override
                        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
                            AgentLog.info("virtual threads' allocation is not counted: " + error);
                        }
                    })
                    .ignore(not(named("java.lang.VirtualThread")))
                    .type(named("java.lang.VirtualThread"))
                    .transform(new AgentBuilder.Transformer.ForAdvice()
                            // The advice's annotations are the agent's (its relocated Byte Buddy), which java.base does not see.
                            .include(VirtualThreadAllocation.class.getClassLoader())
                            .include(relocatedAdvice)
                            .advice(named("mount").and(takesArguments(0)),
                                    relocatedAdvice.add(VirtualThreadAdvice.Mount.class, List.of(INTO_JAVA_LANG)))
                            .advice(named("unmount").and(takesArguments(0)),
                                    relocatedAdvice.add(VirtualThreadAdvice.Unmount.class, List.of(INTO_JAVA_LANG))))
                    .installOn(instrumentation);
            AllocationMeter.countVirtualThreads(inClock.findStatic(clock, "allocatedBytes", MethodType.methodType(long.class)),
                    inClock.findStatic(clock, "errors", MethodType.methodType(long.class)));
        } catch (Throwable e) {
            AgentLog.info("virtual threads' allocation is not counted: " + e);
        }
    }
}
