package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The agent jar ships only httpmem's packages, so it can never clash with the host's Byte Buddy, ASM or SLF4J. */
class AgentJarIT {
    @Test
    void holdsOnlyOurPackagesAndMetadata() throws Exception {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            List<String> foreign = jar.stream().map(ZipEntry::getName)
                    .filter(name -> !name.startsWith("dev/httpmem/") && !name.equals("dev/"))
                    .filter(name -> !name.startsWith("META-INF/") || name.endsWith(".class"))
                    .toList();
            assertEquals(List.of(), foreign);
            List<String> foreignServices = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("META-INF/services/") && !name.equals("META-INF/services/"))
                    .filter(name -> !name.startsWith("META-INF/services/dev.httpmem."))
                    .toList();
            assertEquals(List.of(), foreignServices, "service files name relocated interfaces");
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("dev/httpmem/shaded/net/bytebuddy/")), "Byte Buddy relocated");
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("dev/httpmem/shaded/org/slf4j/")), "SLF4J relocated");
        }
    }

    @Test
    void manifestMakesItAnAgent() throws Exception {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            Attributes attributes = jar.getManifest().getMainAttributes();
            assertEquals("dev.httpmem.agent.launch.HttpmemAgent", attributes.getValue("Premain-Class"));
            assertEquals("dev.httpmem.agent.launch.HttpmemAgent", attributes.getValue("Agent-Class"));
            assertEquals("true", attributes.getValue("Can-Retransform-Classes"));
            assertEquals("true", attributes.getValue("Can-Redefine-Classes"));
        }
    }
}
