package cl.cobranza.warehouse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenantScopeTest {

    @Test
    void restrictsRequestedClientsToTheAllowedOnesInRequestOrder() {
        TenantScope scope = TenantScope.of(List.of("b", "a"));
        assertThat(scope.restrict(List.of("a", "x", "b", "a"))).containsExactly("a", "b");
        assertThat(scope.allows("a")).isTrue();
        assertThat(scope.allows("x")).isFalse();
        assertThat(scope.allowsAll(List.of("a", "b"))).isTrue();
        assertThat(scope.allowsAll(List.of("a", "x"))).isFalse();
    }

    @Test
    void everyClientAllowsAnythingAndAddsNoFilter() {
        assertThat(TenantScope.everyClient().allows("whoever")).isTrue();
        assertThat(TenantScope.everyClient().sqlCondition("client_id")).isEqualTo("1");
    }

    @Test
    void anEmptyScopeMatchesNoRowAndQuotesEveryIdInSql() {
        assertThat(TenantScope.of(List.of()).sqlCondition("client_id")).isEqualTo("0");
        assertThat(TenantScope.of(List.of("a", "o'brien\\")).sqlCondition("client_id"))
                .isEqualTo("client_id IN ('a', 'o\\'brien\\\\')");
    }
}
