package io.dataflow.server.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Paging of list answers and the envelope's JSON. */
class PageQueryTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Integer> TWENTY_FIVE = IntStream.rangeClosed(1, 25).boxed().toList();

    @Test
    void aPageHoldsItsSliceAndSaysWhereItLies() {
        Envelope<List<Integer>> second = PageQuery.of("2", "10").slice(TWENTY_FIVE);
        assertThat(second.result()).containsExactly(11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        assertThat(second.resultInfo()).isEqualTo(new ResultInfo(2, 10, 10, 25));
        Envelope<List<Integer>> last = PageQuery.of("3", "10").slice(TWENTY_FIVE);
        assertThat(last.result()).containsExactly(21, 22, 23, 24, 25);
        assertThat(last.resultInfo().count()).isEqualTo(5);
    }

    @Test
    void aPagePastTheEndIsEmptyNotAnError() {
        Envelope<List<Integer>> past = PageQuery.of("4", "10").slice(TWENTY_FIVE);
        assertThat(past.success()).isTrue();
        assertThat(past.result()).isEmpty();
        assertThat(past.resultInfo()).isEqualTo(new ResultInfo(4, 10, 0, 25));
        assertThat(PageQuery.of(Integer.toString(Integer.MAX_VALUE), "100").slice(TWENTY_FIVE).result()).isEmpty();
    }

    @Test
    void absentParametersTakeTheDefaults() {
        assertThat(PageQuery.of(null, null)).isEqualTo(new PageQuery(1, PageQuery.DEFAULT_PER_PAGE));
    }

    @Test
    void aBadPageOrPerPageIs400NamingIt() {
        for (String[] bad : new String[][] {{"0", "10"}, {"x", "10"}, {"1", "0"}, {"1", "101"}, {"1", "1.5"},
            {"-1", null}}) {
            assertThatThrownBy(() -> PageQuery.of(bad[0], bad[1])).as(String.join(",", bad))
                    .isInstanceOfSatisfying(AccountsApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(AccountsErrorCode.BAD_QUERY_PARAMETER);
                        assertThat(e.getMessage()).containsAnyOf("'page'", "'per_page'");
                    });
        }
    }

    @Test
    void theEnvelopeIsCloudflaresShape() {
        JsonNode list = JSON.valueToTree(PageQuery.of("1", "2").slice(TWENTY_FIVE));
        assertThat(list.toString()).isEqualTo("{\"result\":[1,2],\"success\":true,\"errors\":[],\"messages\":[],"
                + "\"result_info\":{\"page\":1,\"per_page\":2,\"count\":2,\"total_count\":25}}");
        JsonNode withCursor = JSON.valueToTree(new ResultInfo(1, 2, 2, 25).withCursor("abc"));
        assertThat(withCursor.get("cursor").asString()).isEqualTo("abc");
        JsonNode failure = JSON.valueToTree(Envelope.failure(List.of(AccountsError.of(AccountsErrorCode.CONFLICT,
                "taken"))));
        assertThat(failure.toString()).isEqualTo("{\"result\":null,\"success\":false,"
                + "\"errors\":[{\"code\":10009,\"message\":\"taken\"}],\"messages\":[]}");
        assertThat(JSON.valueToTree(Envelope.ok(null)).has("result")).isTrue();
    }
}
