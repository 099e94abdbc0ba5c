package dev.httpmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.Stacks;
import dev.httpmem.cli.MainTest.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {
    private static final Pattern EXIT_STATUS = Pattern.compile("^  (\\d+) {3}\\S", Pattern.MULTILINE);

    @Test
    void everyCommandShowsExamplesThenWhatEachExitStatusMeans() {
        List<List<String>> commands = new ArrayList<>(List.of(List.of()));
        Main.commandLine().getSubcommands().keySet().forEach(name -> commands.add(List.of(name)));
        assertEquals(8, commands.size(), "httpmem and its commands: " + commands);
        for (List<String> command : commands) {
            String name = String.join(" ", Stream.concat(Stream.of("httpmem"), command.stream()).toList());
            Result help = MainTest.run(Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new));
            assertEquals(new Result(0, help.out(), ""), help);
            int examples = help.out().indexOf("\nExamples:\n");
            int exitStatus = help.out().indexOf("\nExit status:\n");
            assertTrue(examples > 0 && exitStatus > examples, name + ": examples, then exit status\n" + help.out());
            assertTrue(help.out().substring(examples, exitStatus).contains("\n  " + name + " "),
                    name + ": an example of it\n" + help.out());
            Set<String> statuses = new TreeSet<>();
            Matcher status = EXIT_STATUS.matcher(help.out().substring(exitStatus));
            while (status.find()) {
                statuses.add(status.group(1));
            }
            assertTrue(statuses.containsAll(Set.of("0", "1", "2")), name + ": exit statuses " + statuses + "\n" + help.out());
        }
    }

    @Test
    void diffTakesOneRecordingOrTwo() {
        String synopsis = MainTest.run("diff", "--help").out().lines().findFirst().orElseThrow();
        assertTrue(synopsis.endsWith(" REC.jfr [OTHER.jfr]"), synopsis);
        assertEquals(new Result(2, "", "httpmem diff: Unmatched argument at index 3: 'c.jfr' (see 'httpmem diff --help')\n"),
                MainTest.run("diff", "a.jfr", "b.jfr", "c.jfr"));
    }

    @Test
    void attachStacksHelpNamesTheStacksItTakesAndTheAgentsDefault() {
        Iterable<String> listed = new CommandLine(new AttachCommand()).getCommandSpec().findOption("--stacks")
                .completionCandidates();
        List<String> names = new ArrayList<>();
        listed.forEach(names::add);
        assertEquals(AttachCommand.KNOWN_STACKS, names, "--stacks' help lists the names it is checked against");
        List<String> leftOut = Stacks.all().stream().filter(stack -> !stack.enabledByDefault())
                .map(StackInstrumentation::name).toList();
        String help = MainTest.run("attach", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains(" --stacks=STACK[,STACK...] Instrument only these stacks, of: "
                + String.join(", ", AttachCommand.KNOWN_STACKS) + " (default: every supported stack present but "
                + String.join(", ", leftOut) + ", "), help);
    }
}
