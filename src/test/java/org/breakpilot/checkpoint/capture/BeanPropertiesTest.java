package org.breakpilot.checkpoint.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeanPropertiesTest {

    private final BeanProperties beans = new BeanProperties();

    public static class Plain {
        private int count;

        public int getCount() {
            return count;
        }
    }

    public static class RenamedField {
        @JsonProperty("total")
        private int count;

        public int getCount() {
            return count;
        }
    }

    public static class VisiblePrivateField {
        @JsonProperty
        private int count;
    }

    public static class IgnoredGetter {
        private int count;

        @JsonIgnore
        public int getCount() {
            return count;
        }

        public int getOther() {
            return 0;
        }
    }

    public record Renamed(@JsonProperty("total") int count) {
    }

    public record Unmarked(int count) {
    }

    @Test
    void aBeanWithoutJacksonAnnotationsShowingAllFieldsIsBuildable() {
        assertTrue(beans.showsAllFields(Plain.class));
        assertTrue(beans.buildable(Plain.class));
        assertTrue(beans.buildable(Unmarked.class));
    }

    @Test
    void theApplicationsAnnotationsShapeTheCapture() {
        assertEquals(List.of("total"), names(RenamedField.class));
        assertEquals(List.of("count"), names(VisiblePrivateField.class));
        assertEquals(List.of("other"), names(IgnoredGetter.class));
        assertEquals(List.of("total"), names(Renamed.class));
        assertTrue(beans.showsAllFields(VisiblePrivateField.class), "the annotated private field is captured");
    }

    @Test
    void aClassWhoseJacksonAnnotationsChangeItsPropertiesIsNotBuiltBackByOurShadedJackson() {
        assertFalse(beans.buildable(RenamedField.class));
        assertFalse(beans.buildable(VisiblePrivateField.class));
        assertFalse(beans.buildable(IgnoredGetter.class));
        assertFalse(beans.buildable(Renamed.class));
    }

    private List<String> names(Class<?> type) {
        return beans.of(type).stream().map(BeanProperties.Property::name).toList();
    }
}
