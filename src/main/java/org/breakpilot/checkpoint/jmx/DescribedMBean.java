package org.breakpilot.checkpoint.jmx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.InvalidAttributeValueException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotificationEmitter;
import javax.management.ReflectionException;
import javax.management.StandardEmitterMBean;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularType;

/**
 * An MXBean with the descriptions and impacts a JMX console shows: the MXBean framework alone would
 * show the method names and call every operation's impact "unknown". It may also have read-only table
 * attributes with columns of their own, which the framework cannot make: it maps a Java type to a
 * table only as key and value columns.
 */
final class DescribedMBean extends StandardEmitterMBean {

    /** A read-only attribute whose value is a table of the given type. */
    record Table(TabularType type, String description, Supplier<TabularData> rows) {
    }

    private final Map<String, String> descriptions;
    private final Set<String> actions;
    private final Map<String, Table> tables;
    private MBeanInfo withTables;

    /**
     * @param descriptions per attribute or operation name (and {@code "<operation>.<n>"} for the n-th
     *                     parameter), what it is
     * @param actions      the operations that change state (impact ACTION); the rest are INFO
     */
    <T> DescribedMBean(T implementation, Class<T> mxbeanInterface, NotificationEmitter emitter,
                       Map<String, String> descriptions, Set<String> actions) {
        this(implementation, mxbeanInterface, emitter, descriptions, actions, Map.of());
    }

    /** @param tables the table attributes, by name */
    <T> DescribedMBean(T implementation, Class<T> mxbeanInterface, NotificationEmitter emitter,
                       Map<String, String> descriptions, Set<String> actions, Map<String, Table> tables) {
        super(implementation, mxbeanInterface, true, emitter);
        this.descriptions = descriptions;
        this.actions = actions;
        this.tables = tables;
    }

    @Override
    public synchronized MBeanInfo getMBeanInfo() {
        if (withTables == null) {
            MBeanInfo info = super.getMBeanInfo();
            List<MBeanAttributeInfo> attributes = new ArrayList<>(List.of(info.getAttributes()));
            tables.forEach((name, table) -> attributes.add(
                    new OpenMBeanAttributeInfoSupport(name, table.description(), table.type(), true, false, false)));
            withTables = new MBeanInfo(info.getClassName(), info.getDescription(),
                    attributes.toArray(MBeanAttributeInfo[]::new), info.getConstructors(), info.getOperations(),
                    info.getNotifications(), info.getDescriptor());
        }
        return withTables;
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException, MBeanException, ReflectionException {
        Table table = tables.get(attribute);
        return table != null ? table.rows().get() : super.getAttribute(attribute);
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList found = new AttributeList();
        for (String attribute : attributes) {
            try {
                found.add(new Attribute(attribute, getAttribute(attribute)));
            } catch (JMException | RuntimeException unreadable) {
                // As the MXBean framework does: an attribute that cannot be read is left out.
            }
        }
        return found;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException, InvalidAttributeValueException,
            MBeanException, ReflectionException {
        if (tables.containsKey(attribute.getName())) {
            throw new AttributeNotFoundException(attribute.getName() + " is read-only");
        }
        super.setAttribute(attribute);
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
