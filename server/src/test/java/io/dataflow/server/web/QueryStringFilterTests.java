package io.dataflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The raw query check: what Tomcat would decode, or fail to, and what the database could not store. */
class QueryStringFilterTests {

    private static Optional<QueryStringFilter.QueryProblem> check(String query) {
        return QueryStringFilter.check(query, 1000);
    }

    @Test
    void queriesThatDecodeToStorableTextPass() {
        for (String query : new String[] {null, "", "limit=5", "a=1&&b=%C3%A9", "q=a+b%2B", "flag", "x=",
            "cursor=%F0%9F%98%80", "status=completed,failed&limit=100"}) {
            assertThat(check(query)).as(query).isEmpty();
        }
    }

    @Test
    void anEscapeThatIsNotTwoHexDigitsNamesTheParameter() {
        assertThat(check("a=1&limit=%")).contains(new QueryStringFilter.QueryProblem("limit",
                "query parameter 'limit' has an invalid percent-escape '%'; use % and two hex digits"));
        assertThat(check("limit=%G1").orElseThrow().parameter()).isEqualTo("limit");
        // Character.digit would take this Arabic-Indic three as a hex digit.
        assertThat(check("limit=%\u06631").orElseThrow().parameter()).isEqualTo("limit");
    }

    @Test
    void bytesThatAreNotUtf8NameTheParameter() {
        for (String value : new String[] {"%FF", "%C0%AF", "%ED%A0%80", "%E2%82", "%F4%90%80%80", "%80"}) {
            QueryStringFilter.QueryProblem problem = check("cursor=" + value).orElseThrow();
            assertThat(problem.parameter()).as(value).isEqualTo("cursor");
            assertThat(problem.detail()).as(value).startsWith("query parameter 'cursor' is not valid UTF-8");
        }
    }

    @Test
    void aNulCharacterIsRefused() {
        assertThat(check("name=a%00b").orElseThrow().detail()).isEqualTo("query parameter 'name' contains the"
                + " character U+0000 (NUL), which cannot be stored");
    }

    @Test
    void aBadNameIsReportedAsSentAndAMissingNameAsEmpty() {
        assertThat(check("a%ZZ=1").orElseThrow().parameter()).isEqualTo("a%ZZ");
        assertThat(check("%FF=1").orElseThrow().parameter()).isEqualTo("%FF");
        assertThat(check("=1").orElseThrow()).isEqualTo(new QueryStringFilter.QueryProblem("",
                "a query parameter has no name: '=1'"));
    }

    @Test
    void moreParametersThanTomcatTakesNameTheFirstOneTooMany() {
        String thousand = "p=1&".repeat(1000);
        assertThat(check(thousand)).isEmpty();
        assertThat(check(thousand + "&&last=2")).contains(new QueryStringFilter.QueryProblem("last",
                "query parameter 'last' is one too many: a query may have at most 1000 parameters"));
    }

    @Test
    void storableTextRefusesNulAndUnpairedSurrogatesOnly() {
        assertThat(StorableText.problem("tab\there \u0001 \u007f 😀 \uFFFF")).isEmpty();
        assertThat(StorableText.problem("a\u0000")).isPresent();
        assertThat(StorableText.problem("\uD83D")).contains("contains an unpaired surrogate (U+D83D), which is not"
                + " a character");
        assertThat(StorableText.problem("\uDE00x")).isPresent();
        assertThat(StorableText.problem("x\uD83D\uDE00")).isEmpty();
    }
}
