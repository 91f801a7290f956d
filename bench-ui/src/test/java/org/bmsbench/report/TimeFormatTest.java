package org.bmsbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One way to write times and durations: files keep milliseconds, people see one rounding. */
class TimeFormatTest {
    @ParameterizedTest
    @CsvSource({"73762.2, 73762.200", "0, 0.000", "30.5, 30.500", "0.0004, 0.000", "1e-3, 0.001",
        "86400, 86400.000"})
    void shouldWriteTimesInFilesWithFixedMilliseconds(double s, String text) {
        assertThat(TimeFormat.seconds(s)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.5 s", "42.54, 42.5 s", "59.94, 59.9 s", "59.96, 1 min 00 s", "2400, 40 min 00 s",
        "2399.6, 40 min 00 s", "3599.4, 59 min 59 s", "3599.6, 1 h 00 min", "5820, 1 h 37 min",
        "5789.9, 1 h 36 min", "5790, 1 h 37 min", "73762.2, 20 h 29 min"})
    void shouldWriteDurationsRoundedOnceToWhatTheyShow(double s, String text) {
        assertThat(TimeFormat.duration(s)).isEqualTo(text);
    }

    @Test
    void shouldWriteTheIndexsDurationsAndCountsTheSameWay(@TempDir Path out) throws IOException {
        // 1 h 36 min 50 s: the index truncated it to 1 h 36 min while the console table rounded to 1 h 37 min
        RunIndex.write(out, List.of(new RunReport.Entry("long", true, 5810, "", "long/report.html")));

        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).contains(">1 h 37 min<").contains("<h1>1 scenario <");
    }

    @Test
    void shouldCountInTheSingularForOne() {
        assertThat(TimeFormat.count(1, "scenario")).isEqualTo("1 scenario");
        assertThat(TimeFormat.count(2, "scenario")).isEqualTo("2 scenarios");
        assertThat(TimeFormat.count(0, "scenario")).isEqualTo("0 scenarios");
    }
}
