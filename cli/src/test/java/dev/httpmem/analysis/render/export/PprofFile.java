package dev.httpmem.analysis.render.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A pprof profile read back with protobuf's parser of any message (no generated classes of profile.proto are
 * published), by the field numbers of pprof's profile.proto: what tests compare exports with.
 *
 * @param sampleTypes each {@code type/unit}
 */
public record PprofFile(List<String> sampleTypes, String defaultSampleType, long timeNanos, long durationNanos,
                        List<Sample> samples) {

    /**
     * One sample.
     *
     * @param frames each location's function name and, after a ':', its line (when not 0), leaf first
     * @param labels by name; a name may repeat in pprof, which these exports never do
     */
    public record Sample(List<String> frames, List<Long> values, Map<String, String> labels) {
    }

    public static PprofFile parse(byte[] gzipped) throws IOException {
        byte[] bytes;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            bytes = in.readAllBytes();
        }
        UnknownFieldSet profile = UnknownFieldSet.parseFrom(bytes);
        List<String> strings = profile.getField(6).getLengthDelimitedList().stream().map(ByteString::toStringUtf8).toList();
        Map<Long, String> functions = new HashMap<>();
        for (UnknownFieldSet function : messages(profile, 5)) {
            functions.put(number(function, 1), strings.get((int) number(function, 2)));
        }
        Map<Long, String> locations = new HashMap<>();
        for (UnknownFieldSet location : messages(profile, 4)) {
            UnknownFieldSet line = messages(location, 4).get(0);
            long lineNumber = number(line, 2);
            locations.put(number(location, 1), functions.get(number(line, 1)) + (lineNumber == 0 ? "" : ":" + lineNumber));
        }
        List<String> sampleTypes = new ArrayList<>();
        for (UnknownFieldSet type : messages(profile, 1)) {
            sampleTypes.add(strings.get((int) number(type, 1)) + "/" + strings.get((int) number(type, 2)));
        }
        List<Sample> samples = new ArrayList<>();
        for (UnknownFieldSet sample : messages(profile, 2)) {
            List<String> frames = numbers(sample, 1).stream().map(locations::get).toList();
            Map<String, String> labels = new LinkedHashMap<>();
            for (UnknownFieldSet label : messages(sample, 3)) {
                labels.put(strings.get((int) number(label, 1)), strings.get((int) number(label, 2)));
            }
            samples.add(new Sample(frames, numbers(sample, 2), labels));
        }
        return new PprofFile(sampleTypes, strings.get((int) number(profile, 14)), number(profile, 9), number(profile, 10),
                samples);
    }

    private static List<UnknownFieldSet> messages(UnknownFieldSet message, int field) throws IOException {
        List<UnknownFieldSet> result = new ArrayList<>();
        for (ByteString bytes : message.getField(field).getLengthDelimitedList()) {
            result.add(UnknownFieldSet.parseFrom(bytes));
        }
        return result;
    }

    private static long number(UnknownFieldSet message, int field) {
        List<Long> values = message.getField(field).getVarintList();
        return values.isEmpty() ? 0 : values.get(values.size() - 1);
    }

    /** A repeated number field, packed or not. */
    private static List<Long> numbers(UnknownFieldSet message, int field) throws IOException {
        List<Long> values = new ArrayList<>(message.getField(field).getVarintList());
        for (ByteString packed : message.getField(field).getLengthDelimitedList()) {
            CodedInputStream in = packed.newCodedInput();
            while (!in.isAtEnd()) {
                values.add(in.readInt64());
            }
        }
        return values;
    }
}
