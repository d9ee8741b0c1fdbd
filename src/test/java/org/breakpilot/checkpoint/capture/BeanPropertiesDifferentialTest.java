package org.breakpilot.checkpoint.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.breakpilot.checkpoint.capture.AnnotatedBeans.*;
import org.breakpilot.checkpoint.capture.DifferentialBeans.*;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonBackReference;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreType;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.beans.ConstructorProperties;
import java.beans.Transient;
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
}
