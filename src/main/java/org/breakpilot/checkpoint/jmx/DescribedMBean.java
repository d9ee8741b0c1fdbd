package org.breakpilot.checkpoint.jmx;

import java.util.Map;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;

/**
 * An MXBean with the descriptions and impacts a JMX console shows: the MXBean framework alone would
 * show the method names and call every operation's impact "unknown".
 */
final class DescribedMBean extends StandardEmitterMBean {

    private final Map<String, String> descriptions;
    private final Set<String> actions;

    /**
     * @param descriptions per attribute or operation name (and {@code "<operation>.<n>"} for the n-th
     *                     parameter), what it is
     * @param actions      the operations that change state (impact ACTION); the rest are INFO
     */
    <T> DescribedMBean(T implementation, Class<T> mxbeanInterface, NotificationEmitter emitter,
                       Map<String, String> descriptions, Set<String> actions) {
        super(implementation, mxbeanInterface, true, emitter);
        this.descriptions = descriptions;
        this.actions = actions;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return descriptions.getOrDefault("", info.getDescription());
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return descriptions.getOrDefault(info.getName(), info.getDescription());
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return descriptions.getOrDefault(info.getName(), info.getDescription());
    }

    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return actions.contains(info.getName()) ? MBeanOperationInfo.ACTION : MBeanOperationInfo.INFO;
    }

    @Override
    protected String getParameterName(MBeanOperationInfo operation, MBeanParameterInfo parameter, int sequence) {
        return descriptions.getOrDefault(operation.getName() + "." + sequence, parameter.getName());
    }
}
