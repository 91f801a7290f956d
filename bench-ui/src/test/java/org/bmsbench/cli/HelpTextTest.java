package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help}, rendered as a user sees it (80 columns), read for what the issue found in
 * them: picocli's {@code <fieldName>} placeholders where a parameter has no label, a URL broken by the line
 * wrapping ({@code tcp: //host}), and a description naming an option its command does not take.
 */
class HelpTextTest {
    /** picocli's label for a parameter without one: the field's name in angle brackets. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-zA-Z0-9]*>");
    /** A scheme cut from its {@code //}: the wrapping broke the line after the colon. */
    private static final Pattern BROKEN_URL = Pattern.compile("[a-z]+:\\s+//");
    /** An option named in a text, and the word before it (a command's name when it names another's option). */
    private static final Pattern OPTION = Pattern.compile("(?:(\\w+) )?(--[a-z][a-z0-9-]*)");

    @TestFactory
    Stream<DynamicTest> everyCommandsHelp() {
        return commands(BmsBench.commandLine()).stream().map(cmd -> DynamicTest.dynamicTest(
                cmd.getCommandSpec().qualifiedName(), () -> check(cmd)));
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!all.contains(sub)) {
                all.addAll(commands(sub));
            }
        }
        return all;
    }

    private static void check(CommandLine cmd) {
        String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(matches(PLACEHOLDER, help)).as("placeholders (a paramLabel is missing) in\n%s", help).isEmpty();
        assertThat(matches(BROKEN_URL, help)).as("URLs broken by the wrapping in\n%s", help).isEmpty();
        CommandSpec spec = cmd.getCommandSpec();
        List<String> texts = new ArrayList<>(List.of(cmd.getHelp().description()));
        spec.options().forEach(o -> texts.add(String.join(" ", o.description())));
        spec.positionalParameters().forEach(p -> texts.add(String.join(" ", p.description())));
        for (String text : texts) {
            Matcher m = OPTION.matcher(text);
            while (m.find()) {
                assertThat(takes(cmd, m.group(1), m.group(2))).as("%s's help names %s%s, an option it does not take:"
                        + "\n%s", spec.qualifiedName(), m.group(1) == null ? "" : m.group(1) + " ", m.group(2), text)
                        .isTrue();
            }
        }
    }

    /** Whether {@code option} is the command's own, or a sibling's that the text names ({@code run --mqtt}). */
    private static boolean takes(CommandLine cmd, String before, String option) {
        CommandLine parent = cmd.getParent();
        if (before != null && parent != null && parent.getSubcommands().containsKey(before)) {
            return has(parent.getSubcommands().get(before).getCommandSpec(), option);
        }
        return has(cmd.getCommandSpec(), option);
    }

    private static boolean has(CommandSpec spec, String option) {
        OptionSpec found = spec.findOption(option);
        if (found == null && option.startsWith("--no-")) {
            found = spec.findOption("--" + option.substring(5));
            return found != null && found.negatable();
        }
        return found != null;
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
