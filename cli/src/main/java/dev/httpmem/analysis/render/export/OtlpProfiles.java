package dev.httpmem.analysis.render.export;

import dev.httpmem.analysis.attribution.SampleLabels;
import dev.httpmem.analysis.attribution.StackFrame;
import dev.httpmem.analysis.model.LabelledSamples;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.profiles.v1development.Function;
import io.opentelemetry.proto.profiles.v1development.KeyValueAndUnit;
import io.opentelemetry.proto.profiles.v1development.Line;
import io.opentelemetry.proto.profiles.v1development.Link;
import io.opentelemetry.proto.profiles.v1development.Location;
import io.opentelemetry.proto.profiles.v1development.Mapping;
import io.opentelemetry.proto.profiles.v1development.Profile;
import io.opentelemetry.proto.profiles.v1development.ProfilesDictionary;
import io.opentelemetry.proto.profiles.v1development.ResourceProfiles;
import io.opentelemetry.proto.profiles.v1development.Sample;
import io.opentelemetry.proto.profiles.v1development.ScopeProfiles;
import io.opentelemetry.proto.profiles.v1development.Stack;
import io.opentelemetry.proto.profiles.v1development.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled samples as an OpenTelemetry profiles export request ({@code ExportProfilesServiceRequest} of the
 * profiles signal, v1development, written with OpenTelemetry's generated classes): one profile per sample type of
 * the pprof export ({@code alloc_samples}, {@code alloc_space}, and with old-object samples {@code live_samples},
 * {@code live_space}), each holding the samples of that type, which share one dictionary of strings, functions,
 * locations, stacks and attributes. A sample's stack runs from the allocated class to the thread's first frame,
 * leaf first; its {@link SampleLabels} are string attributes.
 */
public final class OtlpProfiles {
    /** The instrumentation scope the profiles are of. */
    public static final String SCOPE = "httpmem";

    private final Interned<String> strings = new Interned<>("");
    private final Interned<Function> functions = new Interned<>(Function.getDefaultInstance());
    private final Interned<Location> locations = new Interned<>(Location.getDefaultInstance());
    private final Interned<Stack> stacks = new Interned<>(Stack.getDefaultInstance());
    private final Interned<KeyValueAndUnit> attributes = new Interned<>(KeyValueAndUnit.getDefaultInstance());

    private OtlpProfiles() {
    }

    /** The request, in protobuf's binary encoding. */
    public static byte[] encode(LabelledSamples samples) {
        return new OtlpProfiles().request(samples).toByteArray();
    }

    private ExportProfilesServiceRequest request(LabelledSamples labelled) {
        List<SampleGroup> groups = SampleGroup.of(labelled.samples());
        List<Sample.Builder> samples = new ArrayList<>(groups.size());
        for (SampleGroup group : groups) {
            samples.add(Sample.newBuilder().setStackIndex(stacks.index(stack(group)))
                    .addAllAttributeIndices(group.labels().labels().stream().map(this::attribute).toList()));
        }
        long startNanos = labelled.recording().start().getEpochSecond() * 1_000_000_000L
                + labelled.recording().start().getNano();
        ScopeProfiles.Builder scope = ScopeProfiles.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName(SCOPE));
        for (SampleType type : SampleType.of(labelled.live())) {
            Profile.Builder profile = Profile.newBuilder()
                    .setSampleType(ValueType.newBuilder().setTypeStrindex(strings.index(type.type))
                            .setUnitStrindex(strings.index(type.unit)))
                    .setTimeUnixNano(startNanos)
                    .setDurationNano(labelled.recording().duration().toNanos());
            for (int i = 0; i < groups.size(); i++) {
                long value = type.value(groups.get(i));
                if (value != 0) {
                    profile.addSamples(samples.get(i).clone().addValues(value));
                }
            }
            scope.addProfiles(profile);
        }
        return ExportProfilesServiceRequest.newBuilder()
                .addResourceProfiles(ResourceProfiles.newBuilder().addScopeProfiles(scope))
                .setDictionary(ProfilesDictionary.newBuilder()
                        .addMappingTable(Mapping.getDefaultInstance())
                        .addAllLocationTable(locations.values())
                        .addAllFunctionTable(functions.values())
                        .addLinkTable(Link.getDefaultInstance())
                        .addAllStringTable(strings.values())
                        .addAllAttributeTable(attributes.values())
                        .addAllStackTable(stacks.values()))
                .build();
    }

    /** The allocated class, then the frames, leaf first. */
    private Stack stack(SampleGroup group) {
        Stack.Builder stack = Stack.newBuilder().addLocationIndices(location(group.objectClass(), 0));
        for (StackFrame frame : group.frames()) {
            stack.addLocationIndices(location(frame.qualifiedMethod(), frame.line()));
        }
        return stack.build();
    }

    private int location(String function, int line) {
        int name = strings.index(function);
        int functionIndex = functions.index(Function.newBuilder().setNameStrindex(name).setSystemNameStrindex(name).build());
        return locations.index(Location.newBuilder()
                .addLines(Line.newBuilder().setFunctionIndex(functionIndex).setLine(line)).build());
    }

    private int attribute(SampleLabels.Label label) {
        return attributes.index(KeyValueAndUnit.newBuilder().setKeyStrindex(strings.index(label.name()))
                .setValue(AnyValue.newBuilder().setStringValue(label.value())).build());
    }
}
