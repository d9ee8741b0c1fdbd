package org.breakpilot.checkpoint.jmx;

import java.beans.ConstructorProperties;

/** One instrumented method as JMX shows it. */
public final class InstrumentedMethod {

    private final String className;
    private final String methodName;
    private final String checkpointName;

    /** A method of {@code className} recorded as {@code checkpointName}. */
    @ConstructorProperties({"className", "methodName", "checkpointName"})
    public InstrumentedMethod(String className, String methodName, String checkpointName) {
        this.className = className;
        this.methodName = methodName;
        this.checkpointName = checkpointName;
    }

    /** The declaring class. */
    public String getClassName() {
        return className;
    }

    /** The method's name. */
    public String getMethodName() {
        return methodName;
    }

    /** The name its checkpoints get. */
    public String getCheckpointName() {
        return checkpointName;
    }
}
