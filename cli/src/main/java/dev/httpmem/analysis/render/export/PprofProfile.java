package dev.httpmem.analysis.render.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.httpmem.analysis.attribution.SampleLabels;
import dev.httpmem.analysis.attribution.StackFrame;
import dev.httpmem.analysis.model.LabelledSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Labelled samples as a pprof profile: the gzip'd protobuf message {@code perftools.profiles.Profile} of pprof's
 * profile.proto, which {@code go tool pprof}, Pyroscope and Grafana read. Its sample types are
 * {@code alloc_samples/count} and {@code alloc_space/bytes} (the default), and with old-object samples
 * {@code live_samples/count} and {@code live_space/bytes}; each sample's stack runs from the allocated class (as
 * async-profiler writes it) to the thread's first frame, and it carries the {@link SampleLabels} as string labels.
 * <p>
 * Written with protobuf's own encoder, by the field numbers of profile.proto: no generated classes of it are
 * published, and a message this small needs none.
 */
public final class PprofProfile {
    // perftools.profiles.Profile
    private static final int PROFILE_SAMPLE_TYPE = 1;
    private static final int PROFILE_SAMPLE = 2;
    private static final int PROFILE_LOCATION = 4;
    private static final int PROFILE_FUNCTION = 5;
    private static final int PROFILE_STRING_TABLE = 6;
    private static final int PROFILE_TIME_NANOS = 9;
    private static final int PROFILE_DURATION_NANOS = 10;
    private static final int PROFILE_COMMENT = 13;
    private static final int PROFILE_DEFAULT_SAMPLE_TYPE = 14;
    // ValueType
    private static final int VALUE_TYPE_TYPE = 1;
    private static final int VALUE_TYPE_UNIT = 2;
    // Sample
    private static final int SAMPLE_LOCATION_ID = 1;
    private static final int SAMPLE_VALUE = 2;
    private static final int SAMPLE_LABEL = 3;
    // Label
    private static final int LABEL_KEY = 1;
    private static final int LABEL_STR = 2;
    // Location
    private static final int LOCATION_ID = 1;
    private static final int LOCATION_LINE = 4;
    // Line
    private static final int LINE_FUNCTION_ID = 1;
    private static final int LINE_LINE = 2;
    // Function
    private static final int FUNCTION_ID = 1;
    private static final int FUNCTION_NAME = 2;
    private static final int FUNCTION_SYSTEM_NAME = 3;

    private final Interned<String> strings = new Interned<>("");
    /** Functions by name; pprof numbers them, and locations, from 1. */
    private final Interned<String> functions = new Interned<>("");
    private final Interned<Location> locations = new Interned<>(new Location(0, 0));

    private record Location(int function, int line) {
    }

    private PprofProfile() {
    }

    /** The gzip'd profile. */
    public static byte[] encode(LabelledSamples samples) {
        return gzip(new PprofProfile().profile(samples));
    }

    private ByteString profile(LabelledSamples labelled) {
        List<SampleType> types = SampleType.of(labelled.live());
        List<ByteString> samples = new ArrayList<>();
        for (SampleGroup group : SampleGroup.of(labelled.samples())) {
            long[] values = types.stream().mapToLong(type -> type.value(group)).toArray();
            if (Arrays.stream(values).anyMatch(value -> value != 0)) {
                samples.add(sample(group, values));
            }
        }
        return message(out -> {
            for (SampleType type : types) {
                out.writeBytes(PROFILE_SAMPLE_TYPE, message(valueType -> {
                    valueType.writeInt64(VALUE_TYPE_TYPE, strings.index(type.type));
                    valueType.writeInt64(VALUE_TYPE_UNIT, strings.index(type.unit));
                }));
            }
            for (ByteString sample : samples) {
                out.writeBytes(PROFILE_SAMPLE, sample);
            }
            List<Location> locationTable = locations.values();
            for (int id = 1; id < locationTable.size(); id++) {
                Location location = locationTable.get(id);
                int locationId = id;
                out.writeBytes(PROFILE_LOCATION, message(entry -> {
                    entry.writeUInt64(LOCATION_ID, locationId);
                    entry.writeBytes(LOCATION_LINE, message(line -> {
                        line.writeUInt64(LINE_FUNCTION_ID, location.function());
                        line.writeInt64(LINE_LINE, location.line());
                    }));
                }));
            }
            List<String> functionTable = functions.values();
            for (int id = 1; id < functionTable.size(); id++) {
                int functionId = id;
                int name = strings.index(functionTable.get(id));
                out.writeBytes(PROFILE_FUNCTION, message(function -> {
                    function.writeUInt64(FUNCTION_ID, functionId);
                    function.writeInt64(FUNCTION_NAME, name);
                    function.writeInt64(FUNCTION_SYSTEM_NAME, name);
                }));
            }
            out.writeInt64(PROFILE_TIME_NANOS, labelled.recording().start().getEpochSecond() * 1_000_000_000L
                    + labelled.recording().start().getNano());
            out.writeInt64(PROFILE_DURATION_NANOS, labelled.recording().duration().toNanos());
            out.writeInt64(PROFILE_COMMENT, strings.index("httpmem export of " + labelled.recording().file()));
            out.writeInt64(PROFILE_DEFAULT_SAMPLE_TYPE, strings.index(SampleType.ALLOC_SPACE.type));
            // Last: every string is indexed by now.
            for (String string : strings.values()) {
                out.writeString(PROFILE_STRING_TABLE, string);
            }
        });
    }

    private ByteString sample(SampleGroup group, long[] values) {
        long[] locationIds = new long[group.frames().size() + 1];
        locationIds[0] = locations.index(new Location(functions.index(group.objectClass()), 0));
        for (int i = 0; i < group.frames().size(); i++) {
            StackFrame frame = group.frames().get(i);
            locationIds[i + 1] = locations.index(new Location(functions.index(frame.qualifiedMethod()), frame.line()));
        }
        List<SampleLabels.Label> labels = group.labels().labels();
        return message(out -> {
            packed(out, SAMPLE_LOCATION_ID, locationIds);
            packed(out, SAMPLE_VALUE, values);
            for (SampleLabels.Label label : labels) {
                out.writeBytes(SAMPLE_LABEL, message(entry -> {
                    entry.writeInt64(LABEL_KEY, strings.index(label.name()));
                    entry.writeInt64(LABEL_STR, strings.index(label.value()));
                }));
            }
        });
    }

    /** A repeated number field, packed as proto3 packs it. */
    private static void packed(CodedOutputStream out, int field, long[] values) throws IOException {
        int size = 0;
        for (long value : values) {
            size += CodedOutputStream.computeInt64SizeNoTag(value);
        }
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        for (long value : values) {
            out.writeInt64NoTag(value);
        }
    }

    /** What writes a message's fields. */
    private interface Fields {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    /** A message's bytes, to write as a field of another. */
    private static ByteString message(Fields fields) {
        ByteString.Output bytes = ByteString.newOutput();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory: never
        }
        return bytes.toByteString();
    }

    private static byte[] gzip(ByteString bytes) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            bytes.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory: never
        }
        return zipped.toByteArray();
    }
}
