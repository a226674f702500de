package io.seatpilot.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Where things live" table is how a newcomer finds the room for a rule: every module of the build is
 * in it (the functions through its one {@code functions/<name>} row), and it names no folder that is gone.
 */
class WhereThingsLiveTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)`");

    @Test
    void theReadmeTableNamesEveryModuleAndNoMissingFolder() throws IOException {
        Path root = Path.of(System.getProperty("seatpilot.repo.root", ".."));
        Set<String> modules = MODULE.matcher(Files.readString(root.resolve("pom.xml"))).results()
                .map(m -> m.group(1).startsWith("functions/") ? "functions/<name>" : m.group(1).replaceAll("/$", ""))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("## Where things live");
        String table = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Set<String> rows = ROW.matcher(table).results().map(m -> m.group(1).replaceAll("/$", ""))
                .collect(Collectors.toCollection(java.util.TreeSet::new));

        assertEquals(List.of(), modules.stream().filter(m -> !rows.contains(m)).toList(), "modules missing from the table");
        assertEquals(List.of(), rows.stream()
                        .filter(r -> !r.contains("<") && !r.contains(".") && !Files.exists(root.resolve(r))).toList(),
                "rows naming a folder that does not exist");
    }
}
