package cl.cobranza.launcher;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code cobranza.groups} setting: {@code id:client,client;id:client}, with a clear error when malformed. */
class GroupsSettingTest {
    @Test
    void parsesGroupsInOrder() {
        assertThat(LocalStack.groups(" norte: a,b ; sur:c;")).containsExactly(Map.entry("norte", "a,b"), Map.entry("sur", "c"));
        assertThat(LocalStack.groups(StackConfig.DEFAULTS.get("cobranza.groups"))).containsOnlyKeys("comercio", "logistica");
        assertThat(LocalStack.groups("")).isEmpty();
    }

    @Test
    void aGroupWithoutClientsNamesTheSettingAndTheFormat() {
        assertThatThrownBy(() -> LocalStack.groups("norte"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cobranza.groups").hasMessageContaining("id:client-a,client-b");
        assertThatThrownBy(() -> LocalStack.groups("norte:")).isInstanceOf(IllegalArgumentException.class);
    }
}
