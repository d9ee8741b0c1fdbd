package org.breakpilot.checkpoint.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import java.beans.ConstructorProperties;
import java.beans.Transient;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Capture reads beans without Jackson's databind; this holds its property names and their order to what an
 * unshaded Jackson serializes, for beans of every shape capture meets, marked with the application's own
 * Jackson annotations.
 */
class BeanPropertiesDifferentialTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @MethodSource("beans")
    void propertyNamesAndOrderAreJacksons(String shape, Object bean) {
        List<String> jackson = new ArrayList<>(JACKSON.convertValue(bean, Map.class).keySet());

        List<String> ours = new BeanProperties().of(bean.getClass()).stream().map(BeanProperties.Property::name)
                .toList();

        assertEquals(jackson, ours, shape);
    }

    static Stream<Object[]> beans() {
        return Stream.of(
                shape("getters, is-getters and fields mixed", new Mixed()),
                shape("private fields order the getters", new FieldOrdered()),
                shape("names of Jackson's mangling", new Names()),
                shape("boolean, Boolean, AtomicBoolean and AtomicReference<Boolean> is-getters", new IsGetters()),
                shape("inherited, overridden and covariant getters", new Sub()),
                shape("a hidden field and a field of the superclass", new ShadowingSub()),
                shape("generic getter with a bridge", new StringBox()),
                shape("overloaded getters", new Overloaded()),
                shape("a default interface getter", new WithDefault()),
                shape("a private class with public getters", new PrivateBean()),
                shape("getX beats isX", new GetBeatsIs()),
                shape("@JsonIgnore on getters and fields", new Ignoring()),
                shape("@JsonIgnore on an interface method", new IgnoredByInterface()),
                shape("java.beans.Transient", new BeansTransient()),
                shape("@JsonProperty renames move to the end", new Renaming()),
                shape("@JsonProperty on a private field and a setter", new ExplicitMembers()),
                shape("@JsonProperty(access)", new Access()),
                shape("@JsonGetter and @JsonFormat", new Getters()),
                shape("@JsonIgnoreProperties, inherited", new IgnoredPropertiesSub()),
                shape("@JsonIncludeProperties", new IncludedProperties()),
                shape("@JsonPropertyOrder", new Ordered()),
                shape("@JsonPropertyOrder(alphabetic)", new Alphabetic()),
                shape("@JsonIgnoreType on a property's type", new HoldsIgnoredType()),
                shape("@JsonAutoDetect", new AutoDetected()),
                shape("@JsonBackReference", new Parent()),
                shape("an annotation bundle", new Bundled()),
                shape("@ConstructorProperties orders creator properties first", new ConstructedByProperties(1, 2)),
                shape("@JsonCreator with named parameters", new Created(1, 2)),
                shape("a record", new Point(1, 2, "p")),
                shape("a record with getters and an is-component", new RecordWithGetters(true, 3)),
                shape("a record with a renamed and an ignored component", new AnnotatedRecord("a", "b", "c")),
                shape("a static and a transient field", new StaticAndTransient()));
    }

    private static Object[] shape(String name, Object bean) {
        return new Object[] {name, bean};
    }

    public static class Mixed {
        public static int COUNT = 1;
        public transient int skipped = 2;
        public String field = "f";
        private int hidden = 3;

        public int getA() {
            return 1;
        }

        public boolean isDone() {
            return true;
        }

        public String isNotBoolean() {
            return "no";
        }

        public int getWithParameter(int x) {
            return x;
        }

        public void getNothing() {
        }

        private int getPrivate() {
            return hidden;
        }

        protected int getProtected() {
            return 4;
        }

        public void setOnlySet(int value) {
        }

        public int get() {
            return 0;
        }

        public int is() {
            return 0;
        }

        public int size() {
            return 5;
        }
    }

    public static class FieldOrdered {
        private int zeta = 1;
        private int alpha = 2;

        public void setMiddle(int value) {
        }

        public int getAlpha() {
            return alpha;
        }

        public int getMiddle() {
            return 0;
        }

        public int getZeta() {
            return zeta;
        }

        public int getOmega() {
            return 9;
        }
    }

    public static class Names {
        public String getURL() {
            return "u";
        }

        public String getUrlPath() {
            return "p";
        }

        public String getA() {
            return "a";
        }

        public String getX2() {
            return "x";
        }

        public String get_under() {
            return "_";
        }

        public String getlower() {
            return "l";
        }

        public String getABcD() {
            return "abcd";
        }

        public String getÉtat() {
            return "é";
        }
    }

    public static class IsGetters {
        public boolean isB() {
            return true;
        }

        public Boolean isBoxed() {
            return Boolean.TRUE;
        }

        public AtomicBoolean isAtomic() {
            return new AtomicBoolean();
        }

        public AtomicReference<Boolean> isReference() {
            return new AtomicReference<>(true);
        }

        public AtomicReference<String> isNotReference() {
            return new AtomicReference<>("x");
        }

        public boolean isURLSafe() {
            return true;
        }
    }

    public static class Base {
        public int baseField = 1;

        public Number getAmount() {
            return 1;
        }

        public String getBase() {
            return "b";
        }
    }

    public static class Sub extends Base {
        public int subField = 2;

        @Override
        public Integer getAmount() {
            return 2;
        }

        public String getSub() {
            return "s";
        }
    }

    public static class Shadowed {
        public int shared = 1;
        public int onlyInParent = 2;
    }

    public static class ShadowingSub extends Shadowed {
        public int own = 3;
        public int shared = 4;
    }

    public static class Box<T> {
        private final T value;

        Box(T value) {
            this.value = value;
        }

        public T getValue() {
            return value;
        }

        public List<T> getValues() {
            return List.of(value);
        }
    }

    public static class StringBox extends Box<String> {
        StringBox() {
            super("s");
        }

        @Override
        public String getValue() {
            return "override";
        }
    }

    public static class Overloaded {
        public int getValue() {
            return 1;
        }

        public int getValue(int scale) {
            return scale;
        }

        public int getOther() {
            return 2;
        }
    }

    public interface HasName {
        default String getName() {
            return "n";
        }

        String getCode();
    }

    public static class WithDefault implements HasName {
        @Override
        public String getCode() {
            return "c";
        }

        public int getOwn() {
            return 1;
        }
    }

    private static final class PrivateBean {
        public int getValue() {
            return 1;
        }

        public int field = 2;
    }

    public static class GetBeatsIs {
        public boolean isFlag() {
            return false;
        }

        public boolean getFlag() {
            return true;
        }
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

    public static class StaticAndTransient {
        public static String CONSTANT = "c";
        public transient String notSerialized = "t";
        public final String value = "v";

        public static String getStaticGetter() {
            return "s";
        }

        public String getValueToo() {
            return "v2";
        }
    }
}
