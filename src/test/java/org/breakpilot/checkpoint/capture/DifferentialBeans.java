package org.breakpilot.checkpoint.capture;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bean shapes {@link BeanPropertiesDifferentialTest} compares with Jackson that carry no Jackson
 * annotation: each a class whose property names or order Jackson decides by one of its default rules.
 */
final class DifferentialBeans {

    private DifferentialBeans() {
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

    static final class PrivateBean {
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
