package org.breakpilot.checkpoint.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeModel;
import org.breakpilot.checkpoint.jmx.CheckpointData;

/**
 * A checkpoint's {@code data} and {@code metadata} as tree nodes: an object's fields and an array's
 * elements are children; a value shows as {@code key: value}, an object as {@code key {n}}, an array as
 * {@code key [n]}.
 */
final class JsonTree {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonTree() {
    }

    /** The tree of {@code checkpoint}: its id and name at the root, then data and metadata. */
    static DefaultTreeModel of(CheckpointData checkpoint) {
        DefaultMutableTreeNode root = new DefaultMutableTreeNode(checkpoint.getId() + " " + checkpoint.getName()
                + " at " + checkpoint.getTimestamp());
        root.add(node("data", checkpoint.getData()));
        root.add(node("metadata", checkpoint.getMetadata()));
        return new DefaultTreeModel(root);
    }

    /** The tree of one JSON text, under a root labelled {@code label}. */
    static DefaultTreeModel of(String label, String json) {
        return new DefaultTreeModel(node(label, json));
    }

    private static DefaultMutableTreeNode node(String key, String json) {
        try {
            return node(key, JSON.readTree(json));
        } catch (IOException unreadable) {
            return new DefaultMutableTreeNode(key + ": " + json);
        }
    }

    private static DefaultMutableTreeNode node(String key, JsonNode value) {
        if (value.isObject()) {
            DefaultMutableTreeNode node = new DefaultMutableTreeNode(key + " {" + value.size() + "}");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                node.add(node(field.getKey(), field.getValue()));
            }
            return node;
        }
        if (value.isArray()) {
            DefaultMutableTreeNode node = new DefaultMutableTreeNode(key + " [" + value.size() + "]");
            for (int i = 0; i < value.size(); i++) {
                node.add(node(String.valueOf(i), value.get(i)));
            }
            return node;
        }
        return new DefaultMutableTreeNode(key + ": " + value);
    }
}
