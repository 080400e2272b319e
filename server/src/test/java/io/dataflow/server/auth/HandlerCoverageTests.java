package io.dataflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/** The start-up check names every handler of this server that declares no access rule, and only those. */
class HandlerCoverageTests {

    static class Handlers {
        @RequiresScope(Scope.READ)
        public void read() {
        }

        @AnyKey
        public void anyKey() {
        }

        @PublicEndpoint
        public void open() {
        }

        public void forgotten() {
        }
    }

    @RequiresScope(Scope.WRITE)
    static class Annotated {
        public void inherits() {
        }
    }

    @Test
    void namesOnlyTheHandlersWithoutARule() throws NoSuchMethodException {
        Map<RequestMappingInfo, HandlerMethod> handlers = new LinkedHashMap<>();
        Handlers bean = new Handlers();
        for (String name : new String[] {"read", "anyKey", "open", "forgotten"}) {
            handlers.put(RequestMappingInfo.paths("/" + name).build(),
                    new HandlerMethod(bean, Handlers.class.getMethod(name)));
        }
        handlers.put(RequestMappingInfo.paths("/inherits").build(),
                new HandlerMethod(new Annotated(), Annotated.class.getMethod("inherits")));

        assertThat(HandlerCoverage.uncovered(handlers)).singleElement().asString().contains("forgotten");
    }

    @Test
    void aMethodsRuleWinsOverItsClasss() throws NoSuchMethodException {
        HandlerMethod inherits = new HandlerMethod(new Annotated(), Annotated.class.getMethod("inherits"));
        assertThat(HandlerCoverage.rule(inherits, RequiresScope.class).value()).isEqualTo(Scope.WRITE);
    }
}
