package dev.httpmem.analysis.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import io.opentelemetry.proto.profiles.v1development.Function;
import io.opentelemetry.proto.profiles.v1development.KeyValueAndUnit;
import io.opentelemetry.proto.profiles.v1development.Location;
import io.opentelemetry.proto.profiles.v1development.Profile;
import io.opentelemetry.proto.profiles.v1development.ProfilesDictionary;
import io.opentelemetry.proto.profiles.v1development.Sample;
import io.opentelemetry.proto.profiles.v1development.ScopeProfiles;
import io.opentelemetry.proto.profiles.v1development.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpProfilesTest {
    private static final Map<String, String> H2 = PprofProfileTest.labels("work", "exchange", "protocol", "HTTP/2",
            "stack", "jetty", "endpoint", "GET /items", "stream", "3", "exchange", "7");
    private static final List<String> BYTES_FRAMES = List.of("byte[]", "org.example.Handler.handle:42",
            "java.lang.Thread.run:840");

    /** A sample as the request holds it, its dictionary's indexes resolved. */
    record Resolved(List<String> frames, List<Long> values, Map<String, String> attributes) {
    }

    @Test
    void writesAProfilePerSampleTypeSharingOneDictionary() throws Exception {
        ExportProfilesServiceRequest request = ExportProfilesServiceRequest.parseFrom(
                OtlpProfiles.encode(ExportSamples.samples(false)));
        ProfilesDictionary dictionary = request.getDictionary();
        assertEquals("", dictionary.getStringTable(0));
        assertEquals(Function.getDefaultInstance(), dictionary.getFunctionTable(0));
        assertEquals(Location.getDefaultInstance(), dictionary.getLocationTable(0));
        assertEquals(Stack.getDefaultInstance(), dictionary.getStackTable(0));
        assertEquals(KeyValueAndUnit.getDefaultInstance(), dictionary.getAttributeTable(0));
        assertEquals(1, dictionary.getMappingTableCount());
        ScopeProfiles scope = request.getResourceProfiles(0).getScopeProfiles(0);
        assertEquals(OtlpProfiles.SCOPE, scope.getScope().getName());
        assertEquals(List.of("alloc_samples/count", "alloc_space/bytes"), scope.getProfilesList().stream()
                .map(profile -> type(dictionary, profile)).toList());
        Profile space = scope.getProfiles(1);
        assertEquals(ExportSamples.START.getEpochSecond() * 1_000_000_000L + 5, space.getTimeUnixNano());
        assertEquals(ExportSamples.DURATION.toNanos(), space.getDurationNano());
        List<Resolved> samples = resolved(dictionary, space);
        assertEquals(new Resolved(BYTES_FRAMES, List.of(1500L), H2), samples.get(0));
        assertEquals(new Resolved(List.of("char[]"), List.of(200L), PprofProfileTest.labels("work", "unattributed")),
                samples.get(2));
        assertEquals(List.of(List.of(2L), List.of(1L), List.of(1L)),
                resolved(dictionary, scope.getProfiles(0)).stream().map(Resolved::values).toList());
    }

    @Test
    void liveObjectsAreInProfilesOfTheirOwn() throws Exception {
        ExportProfilesServiceRequest request = ExportProfilesServiceRequest.parseFrom(
                OtlpProfiles.encode(ExportSamples.samples(true)));
        ProfilesDictionary dictionary = request.getDictionary();
        List<Profile> profiles = request.getResourceProfiles(0).getScopeProfiles(0).getProfilesList();
        assertEquals(List.of("alloc_samples/count", "alloc_space/bytes", "live_samples/count", "live_space/bytes"),
                profiles.stream().map(profile -> type(dictionary, profile)).toList());
        assertEquals(List.of(new Resolved(BYTES_FRAMES, List.of(1L), H2), new Resolved(BYTES_FRAMES, List.of(1L),
                PprofProfileTest.labels("work", "connection", "protocol", "HTTP/2"))), resolved(dictionary, profiles.get(2)));
        assertEquals(List.of(new Resolved(BYTES_FRAMES, List.of(64L), H2)), resolved(dictionary, profiles.get(3)),
                "a live object whose size the JDK did not record has none");
        assertEquals(3, resolved(dictionary, profiles.get(1)).size());
    }

    private static String type(ProfilesDictionary dictionary, Profile profile) {
        return dictionary.getStringTable(profile.getSampleType().getTypeStrindex()) + "/"
                + dictionary.getStringTable(profile.getSampleType().getUnitStrindex());
    }

    static List<Resolved> resolved(ProfilesDictionary dictionary, Profile profile) {
        List<Resolved> samples = new ArrayList<>();
        for (Sample sample : profile.getSamplesList()) {
            List<String> frames = new ArrayList<>();
            for (int index : dictionary.getStackTable(sample.getStackIndex()).getLocationIndicesList()) {
                var line = dictionary.getLocationTable(index).getLines(0);
                String name = dictionary.getStringTable(dictionary.getFunctionTable((int) line.getFunctionIndex()).getNameStrindex());
                frames.add(line.getLine() == 0 ? name : name + ":" + line.getLine());
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int index : sample.getAttributeIndicesList()) {
                KeyValueAndUnit attribute = dictionary.getAttributeTable(index);
                attributes.put(dictionary.getStringTable(attribute.getKeyStrindex()), attribute.getValue().getStringValue());
            }
            samples.add(new Resolved(frames, sample.getValuesList(), attributes));
        }
        return samples;
    }
}
