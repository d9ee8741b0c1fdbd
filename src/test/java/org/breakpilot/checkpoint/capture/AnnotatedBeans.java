package org.breakpilot.checkpoint.capture;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonBackReference;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreType;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonManagedReference;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import java.beans.ConstructorProperties;
import java.beans.Transient;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * The bean shapes {@link BeanPropertiesDifferentialTest} compares with Jackson whose layout the
 * application's Jackson annotations decide ({@link DifferentialBeans} holds those without).
 */
final class AnnotatedBeans {

    private AnnotatedBeans() {
    }

    public static class Ignoring {
        @JsonIgnore
        public int ignoredField = 1;
        public int kept = 2;
        @JsonIgnore
        private int viaField = 3;

        @JsonIgnore
        public int getIgnored() {
            return 4;
        }

        public int getViaField() {
            return viaField;
        }

        @JsonIgnore(false)
        public int getNotIgnored() {
            return 5;
        }
    }

    public interface Secretive {
        @JsonIgnore
        String getSecret();
    }

    public static class IgnoredByInterface implements Secretive {
        @Override
        public String getSecret() {
            return "s";
        }

        public String getPlain() {
            return "p";
        }
    }

    public static class BeansTransient {
        @Transient
        public int getTransient() {
            return 1;
        }

        public int getKept() {
            return 2;
        }
    }

    public static class Renaming {
        @JsonProperty("renamed")
        public int getFirst() {
            return 1;
        }

        public int getSecond() {
            return 2;
        }

        @JsonProperty("third")
        public int getThird() {
            return 3;
        }

        @JsonProperty("fromField")
        public int field = 4;

        public int getZ() {
            return 5;
        }
    }

    public static class ExplicitMembers {
        @JsonProperty
        private int privateField = 1;
        private int viaSetter = 2;

        public int getViaSetter() {
            return viaSetter;
        }

        @JsonProperty("setterName")
        public void setViaSetter(int value) {
            viaSetter = value;
        }

        @JsonProperty
        private int getPrivateGetter() {
            return 3;
        }

        @JsonProperty
        public int notAGetterName() {
            return 4;
        }
    }

    public static class Access {
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        public int getWriteOnly() {
            return 1;
        }

        @JsonProperty(access = JsonProperty.Access.READ_ONLY)
        public int getReadOnly() {
            return 2;
        }

        public int getPlain() {
            return 3;
        }
    }

    public static class Getters {
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        private int formatted = 1;

        @JsonGetter("got")
        public int value() {
            return 2;
        }

        @JsonGetter
        public int getPlainGetter() {
            return 3;
        }
    }

    @JsonIgnoreProperties({"a", "inheritedIgnore"})
    public static class IgnoredPropertiesBase {
        public int getInheritedIgnore() {
            return 1;
        }
    }

    public static class IgnoredPropertiesSub extends IgnoredPropertiesBase {
        public int getA() {
            return 1;
        }

        public int getB() {
            return 2;
        }
    }

    @JsonIncludeProperties({"b", "c"})
    public static class IncludedProperties {
        public int getA() {
            return 1;
        }

        public int getB() {
            return 2;
        }

        public int getC() {
            return 3;
        }
    }

    @JsonPropertyOrder({"c", "internal", "a"})
    public static class Ordered {
        public int getA() {
            return 1;
        }

        public int getB() {
            return 2;
        }

        public int getC() {
            return 3;
        }

        @JsonProperty("external")
        public int getInternal() {
            return 4;
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    public static class Alphabetic {
        public int getZ() {
            return 1;
        }

        public int getM() {
            return 2;
        }

        public int getA() {
            return 3;
        }
    }

    @JsonIgnoreType
    public static class IgnoredType {
        public int getX() {
            return 1;
        }
    }

    public static class HoldsIgnoredType {
        public IgnoredType getIgnored() {
            return new IgnoredType();
        }

        public int getKept() {
            return 1;
        }
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE)
    public static class AutoDetected {
        private int privateField = 1;
        private transient int transientField = 2;

        public int getInvisible() {
            return 3;
        }

        public boolean isStillVisible() {
            return true;
        }
    }

    public static class Parent {
        @JsonManagedReference
        public Child child = new Child(this);

        public int getId() {
            return 1;
        }
    }

    public static class Child {
        @JsonBackReference
        public Parent parent;
        public int age = 3;

        Child(Parent parent) {
            this.parent = parent;
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonIgnore
    public @interface Hidden {
    }

    public static class Bundled {
        @Hidden
        public int getHidden() {
            return 1;
        }

        public int getShown() {
            return 2;
        }
    }

    public static class ConstructedByProperties {
        private final int a;
        private final int b;

        @ConstructorProperties({"b", "a"})
        public ConstructedByProperties(int b, int a) {
            this.a = a;
            this.b = b;
        }

        public int getZ() {
            return 0;
        }

        public int getA() {
            return a;
        }

        public int getB() {
            return b;
        }
    }

    public static class Created {
        private final int left;
        private final int right;

        @JsonCreator
        public Created(@JsonProperty("right") int right, @JsonProperty("left") int left) {
            this.left = left;
            this.right = right;
        }

        public int getExtra() {
            return 0;
        }

        public int getLeft() {
            return left;
        }

        public int getRight() {
            return right;
        }
    }

    public record Point(int y, int x, String label) {
    }

    public record RecordWithGetters(boolean isActive, int count) {
        public int getDoubled() {
            return count * 2;
        }

        public boolean isPositive() {
            return count > 0;
        }

        public String describe() {
            return "not a getter";
        }
    }

    public record AnnotatedRecord(@JsonProperty("renamed") String first, @JsonIgnore String second, String third) {
    }
}
