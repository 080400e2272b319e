package io.dataflow.server.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/api-accounts.md's table of error codes is the one {@link AccountsErrorCode} answers with. */
class ErrorCodeTableTests {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(\\d+)` \\| (\\d{3}) \\|");

    @Test
    void everyCodeIsDocumentedWithItsStatusAndNoOtherIs() throws Exception {
        Map<Integer, Integer> documented = new TreeMap<>();
        Matcher rows = ROW.matcher(Files.readString(Path.of("..", "docs", "api-accounts.md")));
        while (rows.find()) {
            documented.put(Integer.parseInt(rows.group(1)), Integer.parseInt(rows.group(2)));
        }
        Map<Integer, Integer> answered = new TreeMap<>();
        for (AccountsErrorCode code : AccountsErrorCode.values()) {
            answered.put(code.code(), code.status().value());
        }
        assertThat(documented).isEqualTo(answered);
    }

    @Test
    void codesAreUnique() {
        Set<Integer> seen = new HashSet<>();
        for (AccountsErrorCode code : AccountsErrorCode.values()) {
            assertThat(seen.add(code.code())).as("%s", code).isTrue();
        }
    }
}
