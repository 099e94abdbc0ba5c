package dev.httpmem.agent.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.agent.launch.fixture.helpers.FixtureHelper;
import dev.httpmem.agent.launch.fixture.stack.Anchor;
import dev.httpmem.agent.stacks.Helpers;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

class HelperInjectorTest {
    private static final String HELPER_THERE = "dev.httpmem.agent.launch.fixture.stack.FixtureHelper";

    /** The fixture's stack in a loader of its own, as a web application's or Spring Boot's loader has a stack. */
    private static URLClassLoader stackLoader() {
        URL testClasses = Anchor.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader());
    }

    private static HelperInjector injector(String anchor) {
        StackInstrumentation stack = new StackInstrumentation() {
            @Override
            public String name() {
                return "fixture";
            }

            @Override
            public String presenceClass() {
                return anchor;
            }

            @Override
            public List<String> landmarkClasses() {
                return List.of();
            }

            @Override
            public String supportedVersions() {
                return "any";
            }

            @Override
            public List<TypeInstrumentation> typeInstrumentations() {
                return List.of();
            }

            @Override
            public Helpers helpers() {
                return new Helpers(Relocation.NONE, anchor, List.of(FixtureHelper.class));
            }
        };
        return new HelperInjector(stack, ClassFileLocator.ForClassLoader.of(HelperInjectorTest.class.getClassLoader()));
    }

    @Test
    void helpersAreDefinedBesideTheAnchorInTheStacksLoaderAndWorkOnItsClasses() throws Exception {
        try (URLClassLoader loader = stackLoader()) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass(HELPER_THERE));

            assertTrue(injector(Anchor.class.getName()).test(loader));

            Class<?> helper = loader.loadClass(HELPER_THERE);
            Class<?> anchor = loader.loadClass(Anchor.class.getName());
            assertSame(loader, helper.getClassLoader());
            Object theirs = anchor.getConstructor(String.class).newInstance("stack");
            assertEquals("hello stack", helper.getMethod("greet", anchor).invoke(null, theirs));
        }
    }

    @Test
    void aSecondCopyOfTheStacksInstrumentationFindsTheHelpersDefined() throws Exception {
        try (URLClassLoader loader = stackLoader()) {
            assertTrue(injector(Anchor.class.getName()).test(loader));
            assertTrue(injector(Anchor.class.getName()).test(loader));
        }
    }

    @Test
    void aLoaderWithoutTheAnchorIsLeftUninstrumented() throws Exception {
        try (URLClassLoader loader = stackLoader()) {
            assertFalse(injector("dev.httpmem.agent.launch.fixture.stack.Absent").test(loader));
        }
    }
}
